import MSKESMCore

/// JSON text as Python's `json.dumps(value, separators=(',', ':'))` writes it, which is what `to_string()`
/// returns in the Python `jmespath` package (the AWS CLI's): the project's compact JSONWriter text (same
/// escapes, whole numbers as integers, keys sorted since ``JSONValue`` keeps no insertion order) with every
/// character outside printable ASCII escaped as `\uXXXX`, as Python's default `ensure_ascii` does.
enum PythonJSONText {
    static func text(of value: JSONValue) -> String {
        var output = ""
        for scalar in JSONWriter.write(value, pretty: false).unicodeScalars {
            switch scalar.value {
            case 0x20..<0x7F: output.unicodeScalars.append(scalar)
            case 0x10000...:
                // Outside the Basic Multilingual Plane: a UTF-16 surrogate pair, as Python writes it.
                let offset = scalar.value - 0x10000
                output += hex(0xD800 + (offset >> 10)) + hex(0xDC00 + (offset & 0x3FF))
            default: output += hex(scalar.value)
            }
        }
        return output
    }

    private static func hex(_ unit: UInt32) -> String {
        let digits = String(unit, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
