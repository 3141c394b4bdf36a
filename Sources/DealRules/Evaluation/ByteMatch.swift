/// Finds one byte value eight bytes at a time: outcome codes are one byte
/// a deal, and a run counts them, and reports find the nth of a kind,
/// over millions of codes. Branching on each code mispredicts about as
/// often as the outcomes change, which for a portfolio is nearly always.
enum ByteMatch {
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// `byte` in every byte of a word.
    @inline(__always)
    static func pattern(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &* 0x0101_0101_0101_0101
    }

    /// The high bit of every byte of `word` that equals the pattern's byte,
    /// and of no other.
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let difference = word ^ pattern
        // A byte is zero exactly when adding 0x7F to its low seven bits
        // leaves its high bit clear and its own high bit is clear too.
        return ~(((difference & low7) &+ low7) | difference | low7)
    }

    /// How many bytes a word of `matches` marks: its high bits, moved to
    /// the low bit of their bytes and summed.
    @inline(__always)
    static func count(ofMatches matches: UInt64) -> Int {
        laneSum(matches &>> 7)
    }

    /// How many of `bytes` are 1, 2 and 3, in one pass, where every byte
    /// is 0–3 (outcome codes): a byte's low bit and its next bit, moved
    /// onto the low bit, tell the three apart with a mask each. The masks
    /// are added up a byte lane at a time and summed every 255 words (a
    /// lane holds up to 255): counting a word's bits is a loop of its own
    /// on processors the build does not assume have an instruction for it.
    static func countCodes(in bytes: UnsafeRawBufferPointer) -> (ones: Int, twos: Int, threes: Int) {
        let lowBits: UInt64 = 0x0101_0101_0101_0101
        var ones = 0, twos = 0, threes = 0
        var offset = 0
        var wordsLeft = bytes.count / 8
        while wordsLeft > 0 {
            let batch = min(wordsLeft, 255)
            var oneLanes: UInt64 = 0, twoLanes: UInt64 = 0, threeLanes: UInt64 = 0
            for _ in 0..<batch {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let low = word & lowBits
                let high = (word &>> 1) & lowBits
                oneLanes &+= low & ~high
                twoLanes &+= high & ~low
                threeLanes &+= low & high
                offset &+= 8
            }
            ones &+= laneSum(oneLanes)
            twos &+= laneSum(twoLanes)
            threes &+= laneSum(threeLanes)
            wordsLeft &-= batch
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case 1: ones &+= 1
            case 2: twos &+= 1
            case 3: threes &+= 1
            default: break
            }
            offset &+= 1
        }
        return (ones, twos, threes)
    }

    /// The sum of a word's eight bytes.
    @inline(__always)
    static func laneSum(_ lanes: UInt64) -> Int {
        // Pairs of bytes into 16-bit lanes (each at most 510), then the
        // four lanes summed into the top one by a multiplication.
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes &>> 8) & 0x00FF_00FF_00FF_00FF)
        return Int((pairs &* 0x0001_0001_0001_0001) &>> 48)
    }

    /// How many of `bytes` equal `byte`.
    static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        let pattern = pattern(byte)
        var total = 0
        var offset = 0
        while offset &+ 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            total &+= count(ofMatches: matches(word, pattern))
            offset &+= 8
        }
        while offset < bytes.count {
            if bytes[offset] == byte { total &+= 1 }
            offset &+= 1
        }
        return total
    }
}
