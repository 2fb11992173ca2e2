/// Catches mistakes in a schema file at start-up, before a clerk's file meets them.
enum SchemaLint {
    static func check(_ schema: TableSchema, expectedName: String) throws {
        func fail(_ detail: String) -> KaowuError {
            KaowuError.schemaInvalid(kind: expectedName, detail: detail)
        }
        guard schema.name == expectedName else { throw fail("name 应为 \(expectedName)") }
        var names = Set<String>()
        var headers = Set<String>()
        for field in schema.fields {
            guard names.insert(field.name).inserted else { throw fail("字段 \(field.name) 重复") }
            for header in [field.title] + (field.aliases ?? []) {
                guard headers.insert(HeaderMatcher.key(header)).inserted else {
                    throw fail("列名或别名“\(header)”重复")
                }
            }
            if let check = field.check, FieldCheck(rawValue: check) == nil {
                throw fail("字段 \(field.name) 的 check “\(check)”不存在")
            }
            let values = Set(field.constraints?.enum ?? [])
            for (alias, target) in field.enumAliases ?? [:] where !values.contains(target) {
                throw fail("字段 \(field.name) 的 enumAliases “\(alias)”指向不在 enum 里的值")
            }
        }
        for key in schema.primaryKey ?? [] where !names.contains(key) {
            throw fail("primaryKey 中的 \(key) 不是字段")
        }
        switch schema.kaowu.inputKind {
        case .sheet:
            if schema.kaowu.templateName == nil { throw fail("表格类型需要 kaowu.templateName") }
            if schema.fields.isEmpty { throw fail("表格类型需要 fields") }
        case .zipEntries:
            guard let photo = schema.kaowu.photo else { throw fail("ZIP 类型需要 kaowu.photo") }
            if let problem = photo.inconsistency { throw fail("kaowu.photo：\(problem)") }
        }
    }
}
