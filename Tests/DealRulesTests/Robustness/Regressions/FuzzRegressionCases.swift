/// Inputs kept for the fuzz regression tests. Found inputs are added with
/// the libFuzzer artifact in base64 (`base64 -w0 fuzz-artifacts/<target>/crash-…`);
/// the hand-written ones give every target a hostile starting case.
enum FuzzRegressionCases {
    static let all: [FuzzRegressionCase] = handWritten + found

    /// Inputs that crashed, hung or failed a target's check before a fix.
    static let found: [FuzzRegressionCase] = []

    static let handWritten: [FuzzRegressionCase] = [
        FuzzRegressionCase("unterminated everything", .parser, found: "hostile seed",
                           text: "rule \"a\n  when (capacity is [1, {x: \"\n```rules\n`quoted"),
        FuzzRegressionCase("a literate file that never closes its block", .parser, found: "hostile seed",
                           text: "# memo\n```rules\nif a, flag b.\n```rules\n"),
        FuzzRegressionCase("self-referencing definitions and overflow", .checker, found: "hostile seed",
                           text: "define a as b + 1.\ndefine b as a * 2.\nif $999999999999999999 trillion * 1000000 * 1000000 is more than $1, flag c.\n"),
        FuzzRegressionCase("dates at the calendar's ends", .checker, found: "hostile seed",
                           text: "if 9999-12 is beyond 1 year and 0001-01-01 + 1 day is before 0001-01-02, flag d.\nif capacity target - 1 day is before 2028, flag e.\n"),
        FuzzRegressionCase("a test block with every expectation", .printer, found: "hostile seed",
                           text: "test \"t\"\n  given deals [ { id: a, capacity: 5 GW (reported, \"x\") }, {} ]\n  expect no f\n  expect undetermined f\n  expect 2 findings\n"),
        FuzzRegressionCase("meta-commands without arguments and half inputs", .repl, found: "hostile seed",
                           text: ":deal\n:explain\n:type\n:as-of 10000-01-01\nrule \"x\"\n  when\n:run\ncapacity is\n\n:help nope\n:quit\n"),
        FuzzRegressionCase("deep JSON and huge numbers", .json, found: "hostile seed",
                           text: "[{\"x\": " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + ", \"capacity\": 1e999999, \"term\": -0.0}]"),
        FuzzRegressionCase("bad lines between good ones", .ndjson, found: "hostile seed",
                           text: "{\"id\": \"a\"}\n{\"id\": \n[1, 2]\n\"\\ud800\"\n{\"id\": \"a\", \"capacity\": \"5 GW\"}\n"),
        FuzzRegressionCase("anchors, aliases and merge keys", .yaml, found: "hostile seed",
                           text: "- &a {id: x, capacity: 5 GW}\n- *a\n- <<: *a\n  id: y\n- !!binary aGVsbG8=\n- [*a, *a, *a]\n"),
        FuzzRegressionCase("ragged rows and stray quotes", .csv, found: "hostile seed",
                           text: "id,capacity,capacity\n\"a,5 GW\n\"b\"x,1,2,3\n,,\n"),
    ]
}
