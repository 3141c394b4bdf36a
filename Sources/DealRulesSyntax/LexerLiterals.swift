import DealRulesModel

/// Numbers, percentages, dates, money and quantities (LANGUAGE.md §3).
extension Lexer {
    mutating func lexNumeric(start: Int, negative: Bool) {
        let numberStart = negative ? start + 1 : start
        var position = scanDigits(from: numberStart)
        let integerEnd = position
        if position < end, bytes[position] == UInt8(ascii: "."), isDigit(at: position + 1) {
            position = scanDigits(from: position + 1)
        }
        if !negative, integerEnd - numberStart == 4, position == integerEnd, position < end,
           bytes[position] == UInt8(ascii: "-"), isDigit(at: position + 1),
           !source.slice(numberStart, integerEnd).contains("_") {
            lexDate(start: start, yearEnd: position)
            return
        }
        index = position
        guard let number = parseNumber(from: numberStart, to: position, negative: negative, start: start) else {
            skipWordCharacters()
            emit(.literal(.unknown), from: start, to: index)
            return
        }
        if index < end, bytes[index] == UInt8(ascii: "%") {
            index += 1
            guard let fraction = number.multiplied(by: DecimalNumber(significand: 1, exponent: -2)) else {
                outOfRange(start)
                return
            }
            emit(.literal(.number(fraction, isPercent: true)), from: start, to: index)
            return
        }
        if isWordStart(at: index) {
            let wordStart = index
            skipWordCharacters()
            let word = source.slice(wordStart, index)
            guard let unit = UnitCatalog.unit(named: word) else {
                error(SyntaxCode.invalidNumber, "`\(source.slice(start, index))` is not a number, quantity or money amount", start, index,
                      help: ["put a space between a number and a word; units are W kW MW GW TW, kWh MWh GWh TWh, days, weeks, months, years; money is written `$27B` or `27 billion USD`"])
                emit(.literal(.unknown), from: start, to: index)
                return
            }
            finishMeasured(Quantity.of(number, unit), start: start)
            return
        }
        guard let (word, wordEnd) = wordAfterSpaces(index) else {
            emit(.literal(.number(number)), from: start, to: index)
            return
        }
        if let unit = UnitCatalog.unit(named: word) {
            index = wordEnd
            finishMeasured(Quantity.of(number, unit), start: start)
        } else if Lexer.fullScaleWords.contains(word.lowercased()), let scale = UnitCatalog.scale(named: word) {
            index = wordEnd
            if let (code, codeEnd) = wordAfterSpaces(index), UnitCatalog.isCurrencyCode(code) {
                index = codeEnd
                finishMeasured(Quantity.money(number, scale: scale, currency: code), start: start)
            } else if let scaled = number.multiplied(by: scale) {
                emit(.literal(.number(scaled)), from: start, to: index)
            } else {
                outOfRange(start)
            }
        } else if UnitCatalog.isCurrencyCode(word) {
            index = wordEnd
            finishMeasured(Quantity.money(number, currency: word), start: start)
        } else {
            emit(.literal(.number(number)), from: start, to: index)
        }
    }

    static let fullScaleWords: Set<String> = ["thousand", "million", "billion", "trillion"]

    /// `$27 billion`, `$27B`, `$1.5bn`, `$300M`.
    mutating func lexDollarMoney() {
        let start = index
        guard isDigit(at: index + 1) else {
            index += 1
            error(SyntaxCode.invalidMoney, "expected an amount after `$`", start, index,
                  help: ["write money as `$27 billion`, `$27B` or `$300M`"])
            emit(.literal(.unknown), from: start, to: index)
            return
        }
        lexAmount(start: start, numberStart: index + 1, currency: "USD")
    }

    /// `EUR 4 billion`: the code, spaces, then the amount.
    mutating func lexCurrencyFirstMoney(code: String, start: Int) {
        var position = index
        while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        lexAmount(start: start, numberStart: position, currency: code)
    }

    /// The number and scale of a money literal whose currency is known.
    mutating func lexAmount(start: Int, numberStart: Int, currency: String) {
        var position = scanDigits(from: numberStart)
        if position < end, bytes[position] == UInt8(ascii: "."), isDigit(at: position + 1) {
            position = scanDigits(from: position + 1)
        }
        index = position
        guard let number = parseNumber(from: numberStart, to: position, negative: false, start: start) else {
            skipWordCharacters()
            emit(.literal(.unknown), from: start, to: index)
            return
        }
        var scale = DecimalNumber.one
        if isWordStart(at: index) {
            let suffixStart = index
            skipWordCharacters()
            let suffix = source.slice(suffixStart, index)
            guard let found = UnitCatalog.scale(named: suffix) else {
                error(SyntaxCode.invalidMoney, "`\(suffix)` is not a money scale", suffixStart, index,
                      help: ["scales are K/thousand, M/mn/million, B/bn/billion, T/trillion"])
                emit(.literal(.unknown), from: start, to: index)
                return
            }
            scale = found
        } else if let (word, wordEnd) = wordAfterSpaces(index), let found = UnitCatalog.scale(named: word) {
            index = wordEnd
            scale = found
        }
        finishMeasured(Quantity.money(number, scale: scale, currency: currency), start: start)
    }

    /// Emits a quantity, taking a following `per UNIT` into it.
    mutating func finishMeasured(_ quantity: Quantity?, start: Int) {
        guard var quantity else {
            outOfRange(start)
            return
        }
        if let (word, wordEnd) = wordAfterSpaces(index), word.lowercased() == "per",
           let (unitName, unitEnd) = wordAfterSpaces(wordEnd), let unit = UnitCatalog.unit(named: unitName) {
            index = unitEnd
            guard let divided = quantity.per(unit) else {
                outOfRange(start)
                return
            }
            quantity = divided
        }
        emit(.literal(.quantity(quantity)), from: start, to: index)
    }

    /// `2028-06-30` or `2028-06`; an impossible date is reported here.
    mutating func lexDate(start: Int, yearEnd: Int) {
        var position = yearEnd
        while position < end, bytes[position] == UInt8(ascii: "-"), isDigit(at: position + 1) {
            position = scanDigits(from: position + 1)
        }
        index = position
        let text = source.slice(start, position)
        guard let date = DateValue.parse(text) else {
            error(SyntaxCode.invalidDate, "`\(text)` is not a valid date", start, position,
                  help: ["dates are written YYYY-MM-DD or YYYY-MM, with a month from 01 to 12 and a day that exists"])
            emit(.literal(.unknown), from: start, to: index)
            return
        }
        emit(.literal(.date(date)), from: start, to: index)
    }

    // MARK: Helpers

    func scanDigits(from offset: Int) -> Int {
        var position = offset
        while position < end, isDigit(at: position) || bytes[position] == UInt8(ascii: "_") { position += 1 }
        return position
    }

    mutating func skipWordCharacters() {
        while index < end, isWordContinue(at: index) { index += scalarLength(index) }
    }

    /// The ASCII word after at least one space or tab on the same line.
    func wordAfterSpaces(_ offset: Int) -> (String, Int)? {
        var position = offset
        while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        guard position > offset, isWordStart(at: position) else { return nil }
        let wordStart = position
        while position < end, isWordContinue(at: position) { position += scalarLength(position) }
        return (source.slice(wordStart, position), position)
    }

    mutating func parseNumber(from numberStart: Int, to numberEnd: Int, negative: Bool, start: Int) -> DecimalNumber? {
        let text = source.slice(numberStart, numberEnd)
        if let number = DecimalNumber(parsing: negative ? "-" + text : text) { return number }
        let wellFormed = !text.hasSuffix("_") && !text.contains("__") && !text.contains("_.") && !text.contains("._")
        if wellFormed {
            error(SyntaxCode.literalOutOfRange, "`\(source.slice(start, numberEnd))` is too large to represent", start, numberEnd,
                  help: ["numbers keep 18 significant digits and magnitudes up to 10^36"])
        } else {
            error(SyntaxCode.invalidNumber, "`\(text)` is not a valid number", start, numberEnd,
                  help: ["`_` may only separate digits, as in 1_000_000"])
        }
        return nil
    }

    mutating func outOfRange(_ start: Int) {
        error(SyntaxCode.literalOutOfRange, "`\(source.slice(start, index))` is too large to represent", start, index,
              help: ["numbers keep 18 significant digits and magnitudes up to 10^36"])
        emit(.literal(.unknown), from: start, to: index)
    }
}
