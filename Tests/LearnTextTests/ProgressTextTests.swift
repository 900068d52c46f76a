import Testing
@testable import LearnText

/// The text of download progress: sizes, rates, bars and the lines built from them.
@Suite struct ProgressTextTests {
    @Test func sizesInDecimalUnits() {
        #expect(ProgressText.bytes(0) == "0 B")
        #expect(ProgressText.bytes(999) == "999 B")
        #expect(ProgressText.bytes(1000) == "1.0 kB")
        #expect(ProgressText.bytes(1_500) == "1.5 kB")
        #expect(ProgressText.bytes(9_912_422) == "9.9 MB")          // MNIST train-images-idx3-ubyte.gz
        #expect(ProgressText.bytes(47_040_016) == "47.0 MB")         // its content
        #expect(ProgressText.bytes(99_960_000) == "100 MB")          // rounds up into the next format
        #expect(ProgressText.bytes(999_960) == "1.0 MB")             // and into the next unit
        #expect(ProgressText.bytes(1_234_000_000) == "1.2 GB")
    }

    @Test func ratesAndDurations() {
        #expect(ProgressText.rate(bytes: 9_400_000, seconds: 2) == "4.7 MB/s")
        #expect(ProgressText.rate(bytes: 100, seconds: 0) == "… B/s")
        #expect(ProgressText.duration(2.06) == "2.1 s")
        #expect(ProgressText.duration(65) == "1 min 05 s")
    }

    /// Any Double gives a cell count in 0…width: NaN none, ±∞ and out-of-range values clamped; a
    /// duration that is not a number is said in words, never converted to a whole number (a trap).
    @Test func cellsAndDurationsTakeAnyDouble() {
        #expect(ProgressText.cells(fraction: .nan, width: 30) == 0)
        #expect(ProgressText.cells(fraction: .infinity, width: 30) == 30)
        #expect(ProgressText.cells(fraction: -.infinity, width: 30) == 0)
        #expect(ProgressText.cells(fraction: 0.5, width: 30) == 15)
        #expect(ProgressText.cells(fraction: 1e300, width: 30) == 30)
        #expect(ProgressText.bar(fraction: .infinity, width: 4) == "████")
        #expect(ProgressText.duration(.infinity) == "an unknown time")
        #expect(ProgressText.duration(.nan) == "an unknown time")
    }

    @Test func barsInEighths() {
        #expect(ProgressText.bar(fraction: 0, width: 4) == "    ")
        #expect(ProgressText.bar(fraction: 1, width: 4) == "████")
        #expect(ProgressText.bar(fraction: 0.5, width: 4) == "██  ")
        #expect(ProgressText.bar(fraction: 0.5 + 1.0 / 32, width: 4) == "██▏ ")   // one eighth of a cell more
        #expect(ProgressText.bar(fraction: 2, width: 3) == "███" && ProgressText.bar(fraction: -1, width: 3) == "   ")
        #expect(ProgressText.bar(fraction: .nan, width: 2) == "  ")
        for i in 0...64 { #expect(ProgressText.bar(fraction: Double(i) / 64, width: 8).count == 8) }
    }

    @Test func theRedrawnLineFitsTheWidth() {
        let line = ProgressText.line(file: "train-images-idx3-ubyte.gz", received: 4_956_211, total: 9_912_422, seconds: 2, width: 80)
        #expect(line.hasPrefix("train-images-idx3-ubyte.gz ▕"))
        #expect(line.hasSuffix("▏  50%  5.0 MB / 9.9 MB  2.5 MB/s"))
        #expect(line.count == 79)
        // Too narrow for a bar: the numbers only. Unknown total: no bar, no percentage.
        #expect(ProgressText.line(file: "f.gz", received: 1, total: 3, seconds: 1, width: 20) == "f.gz   33%  1 B / 3 B  1 B/s")
        #expect(ProgressText.line(file: "f.gz", received: 2_000, total: nil, seconds: 1, width: 80) == "f.gz  2.0 kB  2.0 kB/s")
        #expect(ProgressText.line(file: "f", received: 999, total: 1000, seconds: 1, width: 80).contains(" 99%"))
    }

    @Test func theLoggedLine() {
        let item = (localName: "t10k-labels-idx1-ubyte.gz", ())
        #expect(ProgressText.downloaded(item.localName, bytes: 4_542, seconds: 0.5)
            == "t10k-labels-idx1-ubyte.gz: 4.5 kB in 0.5 s (9.1 kB/s), content SHA-256 checked")
        #expect(ProgressText.downloaded(item.localName, bytes: 4_542, seconds: 0.01)
            == "t10k-labels-idx1-ubyte.gz: 4.5 kB in 0.0 s, content SHA-256 checked")
        #expect(ProgressText.alreadyPresent("/d/t10k-labels-idx1-ubyte")
            == "/d/t10k-labels-idx1-ubyte: already there with the right content")
    }
}
