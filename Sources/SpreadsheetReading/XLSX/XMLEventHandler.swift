/// Receives the events of an `XMLStreamScanner`.
///
/// Every buffer passed in is only valid during the call. Names are local names (any `prefix:`
/// stripped), because producers differ in the prefixes they use for the same namespace.
protocol XMLEventHandler {
    mutating func startElement(
        _ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes, selfClosing: Bool) throws
    mutating func endElement(_ name: UnsafeBufferPointer<UInt8>) throws
    /// Character data between tags, entities NOT yet decoded, unless `isCDATA` (then it is literal).
    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws
}
