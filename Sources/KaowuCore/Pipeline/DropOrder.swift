import Foundation

/// The order waiting files are processed in.
///
/// Files go in the order the workflow needs them, by their kind's `order`: candidates before
/// photos, exam plans before registrations ... (the plans are an organisation's, the
/// registrations a school's: the order holds across institutions). Among files of one kind,
/// institutions take turns, one file each, the institution whose file arrived first going
/// first, and each institution's files go by arrival: on a deadline day, a school's one roster
/// does not wait behind another school's hundred.
enum DropOrder {
    struct File {
        var path: String
        var arrived: Date
        /// The institution folder the file was dropped in ("" when none).
        var institution: String
        /// Its kind's place in the workflow; `Int.max` when the folder names no kind.
        var rank: Int
    }

    static func arrange(_ files: [File]) -> [String] {
        Dictionary(grouping: files, by: \.rank).sorted { $0.key < $1.key }.flatMap {
            takingTurns($0.value)
        }
    }

    /// Files of one rank: institutions in turn, each institution's by arrival.
    private static func takingTurns(_ files: [File]) -> [String] {
        let queues = Dictionary(grouping: files, by: \.institution).values.map { queue in
            queue.sorted { ($0.arrived, $0.path) < ($1.arrived, $1.path) }
        }
        let turns = queues.sorted {
            ($0[0].arrived, $0[0].institution) < ($1[0].arrived, $1[0].institution)
        }
        var ordered: [String] = []
        ordered.reserveCapacity(files.count)
        for round in 0..<(turns.map(\.count).max() ?? 0) {
            for queue in turns where round < queue.count { ordered.append(queue[round].path) }
        }
        return ordered
    }
}
