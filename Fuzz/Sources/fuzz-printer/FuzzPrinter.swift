import DealRulesModel
import DealRulesSyntax
import FuzzSupport

/// `fmt` on anything that parses: the printer must not crash, its output
/// must parse again without errors, and formatting that output again must
/// change nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrinter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let parsed = Parser.parse(SourceFile(path: "fuzz.rules", text: FuzzInput.text(data, size)))
    guard !parsed.diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
    let formatted = Printer.format(parsed)
    let reparsed = Parser.parse(SourceFile(path: "formatted.rules", text: formatted))
    if let error = reparsed.diagnostics.first(where: { $0.severity == .error }) {
        fatalError("formatted text does not parse: \(error.message)\n--- formatted ---\n\(formatted)")
    }
    let again = Printer.format(reparsed)
    if again != formatted {
        fatalError("formatting is not stable\n--- once ---\n\(formatted)\n--- twice ---\n\(again)")
    }
    return 0
}

@_cdecl("fuzz_printer_main")
public func fuzzPrinterMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzPrinter)
}
