import Testing
@testable import LearnData

/// ``ImagePreparation`` on a synthetic "7" (``SyntheticDigit``) drawn dark on white, off-centre and at
/// other scales: the result must look as MNIST's makers would have made it (ink box 20 px on the long
/// side, centre of mass within half a pixel of (14, 14)) and match the digit prepared by hand.
@Suite struct ImagePreparationTests {
    /// The largest and the mean absolute difference of two images of one size.
    static func difference(_ a: PGMImage, _ b: PGMImage) -> (largest: Float, mean: Float) {
        let d = zip(a.pixels, b.pixels).map { abs($0 - $1) }
        return (d.max() ?? 0, d.reduce(0, +) / Float(max(d.count, 1)))
    }

    @Test func theHandPreparedReferenceIsAsMNISTHoldsItsDigits() {
        // The reference itself: box 14 × 20, centre of mass within half a pixel of (14, 14).
        let (reference, _) = SyntheticDigit.centred()
        let measured = SyntheticDigit.measure(reference)
        #expect(measured.box.width == 14 && measured.box.height == 20, "\(measured.box)")
        #expect(abs(measured.centre.x - 14) <= 0.5 && abs(measured.centre.y - 14) <= 0.5, "\(measured.centre)")
    }

    @Test func aDigitThreeTimesLargerOffCentreOnWhitePaperComesBackExactly() throws {
        // The reference, each pixel made a 3 × 3 block (so its ink box is 42 × 60), inverted, at (71, 9)
        // of a 130 × 110 white canvas: nowhere near the middle.
        let (reference, _) = SyntheticDigit.centred()
        let box = SyntheticDigit.measure(reference).box
        let crop = PGMImage(width: box.width, height: box.height, pixels: (0..<box.height).flatMap { r in
            (0..<box.width).map { c in reference.pixels[(box.y + r) * 28 + box.x + c] }
        })
        let picture = SyntheticDigit.enlargedOnPaper(crop, factor: 3, left: 71, top: 9, canvasWidth: 130, canvasHeight: 110)
        let prepared = try ImagePreparation.mnist.prepare(picture)
        #expect(prepared.inverted)
        #expect(prepared.inkBox == InkBox(x: 71, y: 9, width: 42, height: 60))
        #expect(prepared.scaledWidth == 14 && prepared.scaledHeight == 20)
        // Averaging each 3 × 3 block gives back each pixel (to Float rounding: nine products by 1/9).
        let d = Self.difference(prepared.image, reference)
        #expect(d.largest <= 1e-5, "\(d)")
        #expect(prepared.description == "prepared as MNIST: inverted (dark ink on light paper), ink 42 × 60 px scaled to 14 × 20, centred by its centre of mass")
    }

    /// (scale, left, top, bound on the largest pixel difference from the hand-prepared digit).
    @Test(arguments: [(7.3, 31.0, 17.0, 0.25), (2.6, 3.0, 80.0, 0.4), (0.85, 40.0, 2.0, 0.6)])
    func aDigitAtAnotherScaleAndPlaceIsSizedAndCentred(scale: Double, left: Double, top: Double, largest: Float) throws {
        // Drawn straight from the geometry at `scale` pixels per unit (larger, and smaller than MNIST's
        // 1), dark on white, anywhere on a canvas larger than it.
        let canvas = (width: Int(14 * scale + left) + 23, height: Int(20 * scale + top) + 11)
        let picture = SyntheticDigit.picture(scale: scale, left: left, top: top, canvasWidth: canvas.width, canvasHeight: canvas.height)
        let prepared = try ImagePreparation.mnist.prepare(picture)
        let measured = SyntheticDigit.measure(prepared.image)
        #expect(max(measured.box.width, measured.box.height) == 20, "\(measured.box)")
        #expect(measured.box.height == 20 && abs(measured.box.width - 14) <= 1, "\(measured.box)")
        #expect(abs(measured.centre.x - 14) <= 0.5 && abs(measured.centre.y - 14) <= 0.5, "\(measured.centre)")
        // Close to the digit drawn directly at MNIST's size. The two are area averages of one shape
        // that differ along the strokes' edges only: the box found on the canvas is whole pixels, up to
        // one canvas pixel (1/scale of a unit) off the true one, and a picture drawn smaller than MNIST's
        // lost detail before it was enlarged. Measured (largest, mean): 7.3: (0.12, 0.003); 2.6: (0.24,
        // 0.008); 0.85: (0.38, 0.019). The bounds allow 1.5 to 2 times that; the digit placed one pixel
        // off gives a largest difference of 1 and a mean near 0.05.
        let d = Self.difference(prepared.image, SyntheticDigit.centred().image)
        #expect(d.largest <= largest, "scale \(scale): \(d)")
        #expect(d.mean <= 0.03, "scale \(scale): \(d)")
    }

    @Test func greyPaperAndGreyInkAreLevelled() throws {
        // A photo-like picture: ink at 30 % grey on paper at 80 %.
        let picture = SyntheticDigit.picture(scale: 4, left: 20, top: 10, canvasWidth: 120, canvasHeight: 100, paper: 0.8, ink: 0.3)
        let prepared = try ImagePreparation.mnist.prepare(picture)
        #expect(prepared.inverted && prepared.levelsStretched)
        #expect(abs(prepared.paper - 0.2) < 1e-6 && abs(prepared.ink - 0.7) < 1e-6, "\(prepared.paper) \(prepared.ink)")
        // Levelled, it is the same as the clean drawing (to Float rounding of the stretch).
        let clean = try ImagePreparation.mnist.prepare(SyntheticDigit.picture(scale: 4, left: 20, top: 10, canvasWidth: 120, canvasHeight: 100))
        #expect(Self.difference(prepared.image, clean.image).largest <= 1e-5)
        #expect(prepared.description.contains("levels stretched (paper at 20 % → 0, ink at 70 % → 100)"), "\(prepared.description)")
    }

    @Test func anAlreadyPreparedDigitIsLeftAsItIs() throws {
        let (reference, _) = SyntheticDigit.centred()
        let prepared = try ImagePreparation.mnist.prepare(reference)
        #expect(!prepared.inverted)
        #expect(Self.difference(prepared.image, reference).largest <= 1e-6)
        #expect(prepared.description.hasPrefix("prepared as MNIST: not inverted"))
    }

    @Test func blankPicturesAreRefused() {
        for shade: Float in [0, 0.5, 1] {
            let flat = PGMImage(width: 40, height: 30, pixels: Array(repeating: shade, count: 1200))
            #expect(throws: ImagePreparationError.blank) { try ImagePreparation.mnist.prepare(flat) }
        }
        // Paper with a faint smudge (5 % darker) is blank too.
        var smudged = [Float](repeating: 1, count: 1200)
        smudged[615] = 0.95
        #expect(throws: ImagePreparationError.blank) {
            try ImagePreparation.mnist.prepare(PGMImage(width: 40, height: 30, pixels: smudged))
        }
        #expect(throws: ImagePreparationError.blank) { try ImagePreparation.mnist.prepare(PGMImage(width: 1, height: 1, pixels: [1])) }
    }

    @Test func aLopsidedShapeStaysInsideTheField() throws {
        // A 20 × 20 box: a solid 6 × 6 block in its top left corner and one pixel in the opposite corner.
        // Its centre of mass is at (36 · 2.5 + 19) / 37 = 2.95 in each direction: bringing it to 14 would
        // move the box by 11 and push its far edges 3 pixels out of the field, so it stops at 8.
        var pixels = [Float](repeating: 0, count: 20 * 20)
        for r in 0..<6 { for c in 0..<6 { pixels[r * 20 + c] = 1 } }
        pixels[399] = 1
        let prepared = try ImagePreparation.mnist.prepare(PGMImage(width: 20, height: 20, pixels: pixels))
        #expect(prepared.offset == (8, 8))
        #expect(prepared.centringLimited)
        #expect(prepared.description.hasSuffix("centred by its centre of mass as far as the 28 × 28 field allows"))
        #expect(prepared.image.pixels[27 * 28 + 27] == 1)
    }

    @Test func fashionMNISTFillsTheFieldAndCentresTheBox() throws {
        // A dark 10 × 5 rectangle on white, 60 × 40: scaled to 28 × 14, placed 7 rows down.
        var pixels = [Float](repeating: 1, count: 60 * 40)
        for r in 20..<25 { for c in 3..<13 { pixels[r * 60 + c] = 0 } }
        let prepared = try ImagePreparation.fashionMNIST.prepare(PGMImage(width: 60, height: 40, pixels: pixels))
        #expect(prepared.scaledWidth == 28 && prepared.scaledHeight == 14)
        let measured = SyntheticDigit.measure(prepared.image)
        #expect(measured.box == InkBox(x: 0, y: 7, width: 28, height: 14))
        #expect(prepared.image.pixels.allSatisfy { $0 == 0 || abs($0 - 1) < 1e-6 })
        #expect(ImagePreparation.forDataset("fashion-mnist") == .fashionMNIST)
        #expect(ImagePreparation.forDataset("mnist") == .mnist)
    }

    @Test func areaAveragingWeightsCoverEachNewPixelOnce() {
        // 3 old pixels onto 2 new ones: each new pixel covers 1.5 old ones.
        let w = ImagePreparation.weights(from: 3, to: 2)
        #expect(w.map { $0.map(\.index) } == [[0, 1], [1, 2]])
        let expected: [[Float]] = [[2.0 / 3, 1.0 / 3], [1.0 / 3, 2.0 / 3]]
        for (terms, shares) in zip(w, expected) {
            #expect(zip(terms.map(\.weight), shares).allSatisfy { abs($0 - $1) < 1e-6 }, "\(terms)")
        }
        // Enlarging: 2 old pixels onto 5 new ones; the middle one straddles both.
        let up = ImagePreparation.weights(from: 2, to: 5)
        #expect(up.map { $0.map(\.index) } == [[0], [0], [0, 1], [1], [1]])
        for terms in w + up { #expect(abs(terms.map(\.weight).reduce(0, +) - 1) < 1e-6) }
    }
}
