import Foundation
import FuzzSupport

// Each input is a whole dropped file, named .csv so that text is taken as csv; a zip or OLE2
// signature still makes it xlsx or xls.
private let input = FuzzInputFile(name: "input.csv")

exit(
    LibFuzzer.run { data, size in
        input.write(UnsafeRawBufferPointer(start: data, count: size))
        WorkbookReadThrough.run(path: input.path)
        return 0
    })
