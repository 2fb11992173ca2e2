import Foundation
import XCTest

/// A small tmpfs mounted over a folder of a test root, so a test can fill it up as a full disk
/// would be. Needs root (CI runs as root); elsewhere the test is skipped with that reason.
struct ScratchVolume {
    let mountPoint: String

    /// Mounts a `megabytes` tmpfs at `folder`, keeping what the folder held (copied onto the
    /// new volume with owners and modes). Unmounted by the test's tear-down.
    static func mount(over folder: String, megabytes: Int, in test: XCTestCase) throws
        -> ScratchVolume
    {
        guard getuid() == 0 else {
            throw XCTSkip("mounting a tmpfs needs root (uid \(getuid())); CI runs as root")
        }
        let saved = folder + ".before-mount"
        try ChildProcess.check("/bin/mv", [folder, saved])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let mounted = try ChildProcess.run(
            "/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder])
        guard mounted.status == 0 else {
            throw EndToEndError(
                "无法挂载 tmpfs 于 \(folder)（mount 退出码 \(mounted.status)）：\(mounted.stderr)")
        }
        // Lazy: a daemon the tear-down has not killed yet may still hold a file there.
        test.addTeardownBlock { _ = try? ChildProcess.run("/bin/umount", ["-l", folder]) }
        try ChildProcess.check("/bin/chmod", ["--reference=" + saved, folder])
        try ChildProcess.check("/bin/sh", ["-c", "cp -a \"$0\"/. \"$1\"/", saved, folder])
        try FileManager.default.removeItem(atPath: saved)
        return ScratchVolume(mountPoint: folder)
    }

    var filler: String { mountPoint + "/.filler" }

    /// Bytes still free on the volume.
    var freeBytes: Int64 {
        var info = statvfs()
        guard statvfs(mountPoint, &info) == 0 else { return 0 }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Takes all but `leaving` bytes of the free space with one hidden file (kaowu ignores
    /// dotfiles), so the next write larger than that fails with ENOSPC.
    func fill(leaving: Int64 = 0) throws {
        let size = freeBytes - leaving
        guard size > 0 else { return }
        try ChildProcess.check("/usr/bin/fallocate", ["-l", "\(size)", filler])
    }

    /// Frees what `fill` took.
    func free() throws { try FileManager.default.removeItem(atPath: filler) }
}

extension TestRoot {
    /// Changes settings in `kaowu.json` (read by commands and daemons started afterwards).
    func configure(_ settings: [String: Any]) throws {
        let url = URL(fileURLWithPath: path + "/kaowu.json")
        var config =
            try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        config.merge(settings) { _, new in new }
        try JSONSerialization.data(withJSONObject: config).write(to: url)
    }
}
