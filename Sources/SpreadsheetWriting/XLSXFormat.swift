import CXlsxWriter

/// A format registered with one workbook; pass it to that workbook's worksheets only.
/// Obtain it from `XLSXWorkbook.addFormat(_:)`; it stays valid until the workbook is closed.
/// Two formats are equal when they are the same libxlsxwriter format.
public struct XLSXFormat: Equatable {
    let pointer: UnsafeMutablePointer<lxw_format>
    let workbook: ObjectIdentifier
}
