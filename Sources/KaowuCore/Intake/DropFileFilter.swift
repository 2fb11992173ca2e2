/// Decides which names in the inbox belong to clerks' drops and where a drop belongs.
///
/// Office, WPS, browsers and the OS leave lock, temp and metadata files next to the real ones;
/// reporting them would answer a clerk with a report about a file they never dropped.
public enum DropFileFilter {
    /// Depth of a correctly placed drop below the inbox: `<institution>/<kind folder>/<file>`.
    public static let placedDepth = 3

    /// Whether `fileName` (a single path component) is an editor's lock or temp file or OS
    /// metadata, never to be reported. Case-insensitive, as on the Windows shares clerks use.
    ///
    /// Ignored: `~$*` (Office lock), dotfiles (`.~lock.*#` of LibreOffice, `.~*` of WPS,
    /// `.DS_Store`), `*.tmp` (including Word's `~*.tmp`), `*.part`, `*.crdownload`, `Thumbs.db`,
    /// `desktop.ini`. Folders with such names are neither watched nor scanned.
    public static func isIgnored(fileName: String) -> Bool {
        let name = fileName.lowercased()
        return name.hasPrefix("~$")
            || name.hasPrefix(".")
            || ignoredSuffixes.contains { name.hasSuffix($0) }
            || ignoredNames.contains(name)
    }

    /// Where a drop sits, from its path components below the inbox (the last one is the file).
    /// Anything but `<institution>/<kind folder>/<file>` is misplaced; the folders it does sit in
    /// are still named so the answer can go to the right institution.
    static func placement(
        of components: [Substring]
    ) -> (institution: String?, kindFolder: String?, misplaced: Bool) {
        let folders = components.dropLast().map(String.init)
        return (
            folders.first, folders.dropFirst().first,
            components.count != placedDepth
        )
    }

    private static let ignoredSuffixes = [".tmp", ".part", ".crdownload"]
    private static let ignoredNames: Set = ["thumbs.db", "desktop.ini"]
}
