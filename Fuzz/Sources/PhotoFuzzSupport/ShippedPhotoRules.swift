import Foundation
import KaowuCore

/// The photo rules exactly as `schemas/photos.json` ships them, so that the fuzzers check
/// photos against the limits the daemon uses.
public enum ShippedPhotoRules {
    public static let settings: PhotoSettings = {
        let schemas = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schemas/photos.json")
        guard let data = FileManager.default.contents(atPath: schemas.path),
            let schema = try? JSONDecoder().decode(TableSchema.self, from: data),
            let photo = schema.kaowu.photo
        else { fatalError("no photo settings in \(schemas.path)") }
        return photo
    }()

    /// The whole per-entry check the photo kind runs, name, size, decoding and background.
    public static let check = PhotoCheck(settings: settings)
}
