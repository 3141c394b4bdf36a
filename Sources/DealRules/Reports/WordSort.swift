/// Sorts words in place. A report's order is one sorted word per outcome
/// listed (`OutcomeOrder`): two million words for JUnit or HTML over
/// 100,000 deals. The standard library's sort borrows a buffer of half
/// their size while it runs, which was the peak of those reports; this
/// introsort borrows nothing (quicksort with a median of three, insertion
/// sort for short runs, heapsort where partitions keep coming out
/// lopsided, so never quadratic).
enum WordSort {
    static func sort(_ words: inout [UInt64]) {
        sort(&words, depthLimit: 2 * (Int.bitWidth - words.count.leadingZeroBitCount))
    }

    /// With the number of partitions a run may go down before it turns to
    /// heapsort (tests set 0 to sort by heapsort alone).
    static func sort(_ words: inout [UInt64], depthLimit: Int) {
        words.withUnsafeMutableBufferPointer { buffer in
            guard buffer.count > 1 else { return }
            sort(buffer, 0, buffer.count, depthLeft: max(0, depthLimit))
        }
    }

    private static let shortRun = 24

    /// Sorts `words[low..<high]`, recursing into the smaller side only, so
    /// the stack stays within log2(count) frames.
    private static func sort(_ words: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int, depthLeft: Int) {
        var low = low
        var high = high
        var depthLeft = depthLeft
        while high - low > shortRun {
            if depthLeft == 0 {
                heapSort(words, low, high)
                return
            }
            depthLeft -= 1
            let split = partition(words, low, high)
            if split - low < high - split {
                sort(words, low, split, depthLeft: depthLeft)
                low = split
            } else {
                sort(words, split, high, depthLeft: depthLeft)
                high = split
            }
        }
        insertionSort(words, low, high)
    }

    /// Hoare's partition around the median of the first, middle and last
    /// word: every word before the answer is at most every word from it.
    private static func partition(_ words: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int) -> Int {
        let middle = low + (high - low) / 2
        let a = words[low], b = words[middle], c = words[high - 1]
        let pivot = max(min(a, b), min(max(a, b), c))
        var i = low - 1
        var j = high
        while true {
            repeat { i += 1 } while words[i] < pivot
            repeat { j -= 1 } while words[j] > pivot
            if i >= j { return j + 1 }
            words.swapAt(i, j)
        }
    }

    private static func insertionSort(_ words: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int) {
        guard high - low > 1 else { return }
        for index in (low + 1)..<high {
            let word = words[index]
            var place = index
            while place > low, words[place - 1] > word {
                words[place] = words[place - 1]
                place -= 1
            }
            words[place] = word
        }
    }

    private static func heapSort(_ words: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int) {
        let count = high - low
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while true {
                var child = 2 * root + 1
                guard child < end else { return }
                if child + 1 < end, words[low + child] < words[low + child + 1] { child += 1 }
                guard words[low + root] < words[low + child] else { return }
                words.swapAt(low + root, low + child)
                root = child
            }
        }
        for start in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(start, count) }
        for end in stride(from: count - 1, to: 0, by: -1) {
            words.swapAt(low, low + end)
            siftDown(0, end)
        }
    }
}
