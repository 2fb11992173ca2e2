import Foundation
import XCTest

@testable import KaowuCore

/// `CandidatePopulation.fields` and `requiredFields` restate the import schemas for batch
/// modify and the export; these tests keep the two in step.
final class CandidatePopulationTests: XCTestCase {
    private func schema(_ id: String) throws -> TableSchema {
        let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../schemas").standardized.path
        let catalog = try KindCatalog.load(schemasDirectory: schemas)
        return try XCTUnwrap(catalog.kind(id: id)).schema
    }

    func testFieldsAreTheImportTemplatesColumns() throws {
        for (population, id) in [
            (CandidatePopulation.school, "school-candidates"), (.social, "social-candidates"),
        ] {
            let fields = try schema(id).fields
            XCTAssertEqual(population.fields, fields.map(\.name), id)
            XCTAssertEqual(population.requiredFields, fields.filter(\.isRequired).map(\.name), id)
        }
    }

    func testBatchModifyHasEveryCandidateColumnAndOnlyTheKeyRequired() throws {
        let update = try schema("candidate-updates")
        let names = Set(update.fields.map(\.name))
        for population in CandidatePopulation.allCases {
            XCTAssertTrue(Set(population.fields).isSubset(of: names))
        }
        XCTAssertEqual(update.fields.filter(\.isRequired).map(\.name), ["documentNumber"])
        XCTAssertEqual(update.primaryKey, ["documentType", "documentNumber"])
        XCTAssertEqual(update.kaowu.clearMarker, "（清空）")
    }
}
