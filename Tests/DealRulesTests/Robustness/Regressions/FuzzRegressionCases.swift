/// Inputs kept for the fuzz regression tests. Found inputs are added with
/// the libFuzzer artifact in base64 (`base64 -w0 fuzz-artifacts/<target>/crash-…`);
/// the hand-written ones give every target a hostile starting case.
enum FuzzRegressionCases {
    static let all: [FuzzRegressionCase] = handWritten + found

    /// Inputs that crashed, hung or failed a target's check before a fix.
    static let found: [FuzzRegressionCase] = [
        FuzzRegressionCase("a lone carriage return is a YAML line break", .yaml,
                           found: "fuzz-yaml: read in pieces, the deals after it were a line early",
                           base64: "IyBBIGZldyBkZWFscyBmcm9tIGRhdGEvZGVhbHMueWFtbCwgYXMgb2YgbGF0ZSAyMDI2LgpkZWFsczoKICAtIGlkOiBhbWF6b24tYW50aHJvcGljLTIwMjYKICAgIGtpbmQ6IGNvbXB1dGUKICAgIHBhcnRpZXM6CiAgICAgIC0ge25hbWU6IEFtYXpvbiBXZWIgU2VydmljZXMsIHJvbGU6IGh5cGVyc2NhbGVyfQogICAgICAtIHtuYW1lOiBBbnRocm9waWMsIHJvbGU6IGxhYn0KICAgIGRlYWxfdmFsdWU6IHt2YWx1ZTogMTAwLCB1bml0OiBVU0QgYmlsbGlvbiwgc3RhdHVzOiByZXBvcnRlZCwgc291cmNlOiAiaGVhZGxpbmUgcmVwb3J0cyJ9CiAgICB0ZXJtOiB7dmFsdWU6IDEwLCB1bml0OiB5ZWFycywgc3RhdHVzOiByZXBvcnRlZCwgc291cmNlOiAiaGVhZGxpbmUgcmVwb3J0cyJ9CiAgICBjYXBhY2l0eToge3ZhbHVlOiA1LCB1bml0OiBHVywgc3RhdHVzOiBjb25maXJtZWQsIHNvdXJjZTogIkFudGhyb3BpYyBhbm5vdW5jZW1lbnQifQogICAgY2FwYWNpdHlfdGFyZ2V0OiB7dmFsdWU6IDIwMjgsIHN0YXR1czogY29uZmlybWVkLCBzb3VyY2U6ICJBbnRocm9waWMgYW5ub3VuY2VtZW50IChhcHByb3hpbWF0ZWx5IDIwMjgpIn0KICAgIGNoaXBfcm9hZG1hcDogdW52YWxpZGF0ZWQKICAgIGV4Y2x1c2l2aXR5OiBwcmVmZXJyZWQKICAtIGlkOiBtaWNyb3NvZnQtY29uc3RlbGxhfnRpb24tdG1pCiAgICBraW5kOiBwb3dlcgogICAgcGFydGllczoKICAgICAgLSB7bmFtZTogTWljcm9zb2Z0LCByb2xlOiBoeXBlcnNjYWxlcn0KICAgICAgLSB7bmFtZTogQ29uc3RlbGxhdGlvbiBFbmVyZ3ksIHJvbGU6IHV0aWxpdHl9CiAgICB0ZXJtOiB7dmFsdWU6IDIwLCB1bml0OiB5ZWFycywgc3RhdHVzOiBjb25maXJtZWQsIHNvdXJjZTogIkNvbnN0ZWxsYXRpb24gcHJlc3MgcmVsZWFzZSwgMjAyNC0wOS0yMCJ9CiAgICBjYXBhY2l0eToge3ZhbHVlOiA4MzUsIHVuaXQ6IE1XLCBzdGF0dXM6IGNvbmZpcm1lZCwgc291cmNlOiAiQ29uc3RlbGxhdGlvbiBwcmVzcyByZWxlYXNlLCAyMDI0LTA5LTIwIn0KICAgIGNhcGFjaXlfdHRhcmdldDoge3ZhbHVlOiAyMDI4LCBzdGF0dXM6IGNvbmZpcm1lZCwgc291cmNlOiAiQ29uc3RlbGxhdGlvbiBwcmVzcyByZWhlYXNlLCAyMDI0LTA5LTIwIn0KICAgIGV4Y2x1c2l2aXR5OiBleGNsdXNpdmUKICAtIGlkOiBhbWF6b24tdGFsZW4tc3VzcXVlaGFubmEKICAgIGtpbmQ6IGRhdGFjZW50ZXIKICAgIHBhcnRpZXM6CiAgICAgIC0ge25hbWU6IEFtYXpvbiBXZWIgU2VydmljZXMsIHJvbGU6IGh5cGVyc2NhbGVyfQogICAgICAtIHtuYW1lOiBUYWxlbiBFbmVyZ3ksIHJvbGU6IHV0aWxpdHl9DSAgICBkZWFsX3ZhbHVlOiB7dmFsdWU6IDY1MCwgdW5pdDogVVNEIG1pbGxpb24sIHN0YXR1czogY29uZmlybWVkLCBzb3VyY2U6ICJUYWxlbiBFbmVyZ3kgYW5ub3VuY2VtZW50LCAyMDI0LTAzLTA0In0KICAgIGNhcGFjaXR5OiB7dmFsdWU6IDk2MCwgdW5pdDogTVcsIHN0YXR1czogY29uZmlybWVkLCBzb3VyY2U6ICJUYWxlbiBFbmVyZ3kgYW5ub3VuY2VtZW50LCAyMDI0LTAzLTA0In0KICAtIGlkOiBudmlkaWEtb3BlbmFpLTEwZ3cKICAgIGtpbmQ6IGNoaXBzCiAgICBwYXJ0aWVzOgogICAgICAtIHtuYW1lOiBOVklESUEsIHJvbGU6IGNoaXBtYWtlcn0KICAgICAgLSB7bmFtZTogT3BlbkFJLCByb2xlOiBsYWJ9CiAgICBkZWFsX3ZhbHVlOiB7dmFsdWU6IDEwMCwgdW5pdDogVVNEIGJpbGxpb24sIHN0YXR1czogcmVwb3J0ZWQsIHNvdXJjZTogIk5WSURJQSBhbmQgT3BlbkFJIGxldHRlciBvZiBpbnRlbnQifQogICAgY2FwYWNpdHk6IHt2YWx1ZTogMTAsIHVuaXQ6IEdXLCBzdGF0dXM6IHJlcG9ydGVkLCBzb3VyY2U6ICJsZXR0ZXIgb2YgaW50ZW50In0KICAgIGNhcGFjaXR5X3RhcmdldDogMjAyOS0wNgogICAgY2hpcF9yb2FkbWFwOiB1bnZhbGlkYXRlZAogIC0gaWQ6IGdvb2dsZS1hbnRocm9waWMtdHB1CiAgICBraW5kOiBjb21wdXRlCiAgICBwYXJ0aWVzOgogICAgICAtIHtuYW1lOiBHb29nbGUsIHJvbGU6IGh5cGVyc2NhbGVyfQogICAgICAtIHtuYW1lOiBBbnRocm9waWMsIHJvbGU6IGxhYn0KICAgIGNhcGFjaXR5OiB7dmFsdWU6IDEsIHVuaXQ6IEdXLCBzdGF0dXM6IGNvbmZpcm1lZCwgc291cmNlOiAiQW50aHJvcGljIGFubm91bmNlbWVudCJ9CiAgICBjaGlwX3JvYWRtYXA6IHZhbGlkYXRlZAo="),
    ]

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
