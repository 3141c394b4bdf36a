import DealRulesModel

/// Interned folded text and unit signatures, shared by every column of a
/// run: equal folded text has equal ids, so `kind is compute` compares two
/// integers.
///
/// Its tables are read and written for nearly every cell of every column,
/// always by the one thread of a run and never while another access to
/// them is under way (no method calls out while it holds one), so their
/// accesses are not checked for exclusivity at run time: the check cost
/// more than the lookups it guarded.
final class Interner {
    @exclusivity(unchecked) private var textIDs: [String: Int32] = [:]
    /// Text as written → id, so repeated spellings are folded only once.
    @exclusivity(unchecked) private var spellingIDs: [String: Int32] = [:]
    /// The first text seen for each id, for `contains`.
    @exclusivity(unchecked) private(set) var texts: [String] = []
    @exclusivity(unchecked) private var foldedTexts: [String] = []
    @exclusivity(unchecked) private var unitIDs: [UnitSignature: Int32] = [:]
    @exclusivity(unchecked) private var units: [UnitSignature] = []
    @exclusivity(unchecked) private var products: [UnitProduct: Int32] = [:]

    /// The last strings interned, by their bits (see `recentSlot`).
    @exclusivity(unchecked) private var recent = [RecentText](repeating: RecentText(text: "", id: -1), count: Interner.recentSlots)
    private static let recentSlots = 512

    private struct RecentText {
        /// Kept so that its storage (and address) stays this string's.
        var text: String
        var id: Int32
    }

    func id(ofText text: String) -> Int32 {
        if let id = recentID(of: text) { return id }
        let id = spelledID(text)
        recent[Interner.recentSlot(text)] = RecentText(text: text, id: id)
        return id
    }

    /// The id of `text` when it is one of the last strings interned, with
    /// this very storage. Loaded deals share one string for each repeated
    /// value, so the same storage comes back again and again: equal bits
    /// are the same string, found without hashing or comparing its
    /// characters. Only reads, so a caller holding `text` in a deal's
    /// memory need not copy (and retain) it first.
    @inline(__always)
    func recentID(of text: String) -> Int32? {
        recentID(ofBits: Interner.bits(text))
    }

    /// The same for a string given by its two words (`ValueInPlace.textBits`).
    @inline(__always)
    func recentID(ofBits bits: (UInt64, UInt64)) -> Int32? {
        let slot = Interner.recentSlot(bits)
        // An empty slot (id -1) holds "", which must not answer for "".
        guard recent[slot].id >= 0 else { return nil }
        let (a, b) = Interner.bits(recent[slot].text)
        return a == bits.0 && b == bits.1 ? recent[slot].id : nil
    }

    private static func bits(_ text: String) -> (UInt64, UInt64) {
        unsafeBitCast(text, to: (UInt64, UInt64).self)
    }

    private static func recentSlot(_ text: String) -> Int {
        recentSlot(bits(text))
    }

    @inline(__always)
    private static func recentSlot(_ bits: (UInt64, UInt64)) -> Int {
        // Both words multiplied in: a short string's text is its bits, and
        // the few dozen words of a portfolio must not share slots.
        let (count, object) = bits
        let mixed = (count &* 0x9E37_79B9_7F4A_7C15) ^ (object &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: (mixed ^ (mixed &>> 29)) % UInt64(recentSlots))
    }

    private func spelledID(_ text: String) -> Int32 {
        if let id = spellingIDs[text] { return id }
        let folded = NameFolding.foldSymbol(text)
        let id: Int32
        if let known = textIDs[folded] {
            id = known
        } else {
            id = Int32(truncatingIfNeeded: texts.count)
            textIDs[folded] = id
            texts.append(text)
            foldedTexts.append(folded)
        }
        spellingIDs[text] = id
        return id
    }

    /// `NameFolding.foldSymbol` of the text with this id.
    func foldedText(_ id: Int32) -> String {
        foldedTexts.indices.contains(Int(id)) ? foldedTexts[Int(id)] : ""
    }

    /// Columns remember their own last unit (`CellColumnBuilder`), so this
    /// is asked only when a column's unit changes.
    func id(ofUnit unit: UnitSignature) -> Int32 {
        // A portfolio has a handful of units: comparing with each (arrays of
        // one or two factors) is cheaper than hashing.
        if units.count <= 8, let known = units.firstIndex(of: unit) { return Int32(known) }
        if let id = unitIDs[unit] { return id }
        let id = Int32(truncatingIfNeeded: units.count)
        unitIDs[unit] = id
        units.append(unit)
        return id
    }

    private struct UnitProduct: Hashable {
        var lhs: Int32
        var rhs: Int32
        var dividing: Bool
    }

    /// The unit of `lhs × rhs` or `lhs / rhs` (ids; -1 is a plain number),
    /// -1 when the result has no dimension, as `Evaluator.arithmetic` has it.
    /// The last product asked for and its unit: a kernel asks for one
    /// product row after row.
    @exclusivity(unchecked) private var lastProduct = (key: UnitProduct(lhs: -2, rhs: -2, dividing: false), id: Int32(-1))

    func id(ofUnit lhs: Int32, _ rhs: Int32, dividing: Bool) -> Int32 {
        let key = UnitProduct(lhs: lhs, rhs: rhs, dividing: dividing)
        if key == lastProduct.key { return lastProduct.id }
        if let known = products[key] {
            lastProduct = (key, known)
            return known
        }
        let left = lhs < 0 ? UnitSignature.dimensionless : units[Int(lhs)]
        let right = rhs < 0 ? UnitSignature.dimensionless : units[Int(rhs)]
        let unit = dividing ? left.divided(by: right) : left.multiplied(by: right)
        let id = unit.isDimensionless ? -1 : self.id(ofUnit: unit)
        products[key] = id
        return id
    }
}
