/// `value` in upper-case hexadecimal, zero-padded to `digits` digits: `hex(0x1F, digits: 2) == "1F"`.
func hex(_ value: some BinaryInteger, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
