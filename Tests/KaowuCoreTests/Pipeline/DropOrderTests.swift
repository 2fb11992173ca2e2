import Foundation
import XCTest

@testable import KaowuCore

final class DropOrderTests: XCTestCase {
    private func file(_ path: String, at second: Double, _ institution: String, rank: Int)
        -> DropOrder.File
    {
        DropOrder.File(
            path: path, arrived: Date(timeIntervalSince1970: second), institution: institution,
            rank: rank)
    }

    /// The workflow order holds, across institutions too (an organisation's plan before a
    /// school's registrations, a school's photos after its rosters even when they came first);
    /// among files of one kind, institutions take turns: the one roster of a school that
    /// dropped last is second, not behind the other school's pile.
    func testWorkflowOrderFirstThenInstitutionsTakingTurns() {
        var files = [file("A/照片/p.zip", at: 1, "A", rank: 20)]
        files += (0..<4).map { file("A/考生/\($0).xlsx", at: 2 + Double($0), "A", rank: 10) }
        files.append(file("B/考生/b.xlsx", at: 50, "B", rank: 10))
        files.append(file("C/报考/c.xlsx", at: 40, "C", rank: 30))
        files.append(file("O/计划/o.xlsx", at: 45, "O", rank: 5))
        files.append(file("C/考生/c.xlsx", at: 3.5, "C", rank: 10))
        files.append(file("错放.xlsx", at: 0, "", rank: Int.max))
        XCTAssertEqual(
            DropOrder.arrange(files.reversed()),
            [
                "O/计划/o.xlsx",
                "A/考生/0.xlsx", "C/考生/c.xlsx", "B/考生/b.xlsx",
                "A/考生/1.xlsx", "A/考生/2.xlsx", "A/考生/3.xlsx",
                "A/照片/p.zip", "C/报考/c.xlsx", "错放.xlsx",
            ])
    }

    func testNothingToOrder() {
        XCTAssertEqual(DropOrder.arrange([]), [])
    }
}
