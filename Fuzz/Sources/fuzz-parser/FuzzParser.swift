import DealRulesModel
import DealRulesSyntax
import FuzzSupport

/// Lexer and parser on arbitrary bytes (decoded as the CLI decodes files),
/// as a plain rule file, a literate file, an expression and a REPL input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = FuzzInput.text(data, size)
    _ = Parser.parse(SourceFile(path: "fuzz.rules", text: text))
    _ = Parser.parse(SourceFile(path: "fuzz.rules.md", text: text))
    _ = Parser.parseExpression(SourceFile(path: "fuzz-expression", text: text))
    _ = Parser.parseInteractive(SourceFile(path: "<repl:1>", text: text))
    return 0
}

@_cdecl("fuzz_parser_main")
public func fuzzParserMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzParser)
}
