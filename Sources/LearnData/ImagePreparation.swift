/// Turns a picture of any size into a 28 × 28 image made the way a dataset's images were made, so that
/// a network trained on the dataset sees what it is used to (`learn predict --image`).
///
/// MNIST (LeCun et al.): "the images were size normalized to fit in a 20 × 20 pixel box while
/// preserving their aspect ratio", anti-aliased, then "centered in a 28 × 28 image by computing the
/// center of mass of the pixels, and translating the image so as to position this point at the center
/// of the 28 × 28 field". Measured on the 10,000 MNIST test images: the non-zero pixels span 20 on the
/// longer side (all but 3, which span 19), and the centre of mass, in pixel indices, is at
/// (14.008, 13.993) on average with a spread of 0.29: a whole-pixel translation that puts it at
/// (14, 14). Fashion-MNIST (Xiao et al.): trimmed to the object, its longest edge resized to 28, the
/// other edge extended to 28 with the object in the middle, negated.
///
/// ``prepare(_:)`` does this in five steps:
/// 1. ink bright on black: inverted when the border is mostly light (``PGMImage/inkOnBlack()``);
/// 2. levels: the border's median becomes 0 (paper) and the brightest pixel 1 (ink), values below
///    the paper clamped to 0, so that grey paper in a photo is not taken for ink;
/// 3. the ink's box: the smallest rectangle holding every pixel of at least ``inkThreshold``;
/// 4. the box scaled by area averaging (each new pixel the mean of the part of the picture it covers)
///    so that its longer side is ``longSide`` and the other keeps the aspect ratio (at least 1);
/// 5. placed in the ``field`` × ``field`` image: by a whole-pixel translation that brings its centre of
///    mass nearest to (field/2, field/2) in pixel indices (MNIST), or in the middle (Fashion-MNIST),
///    never moving ink out of the field.
public struct ImagePreparation: Sendable, Equatable {
    /// Where the scaled ink goes in the field.
    public enum Placement: Sendable, Equatable {
        /// A whole-pixel translation bringing the centre of mass nearest to the field's centre.
        case centreOfMass
        /// The box in the middle (rounded towards the top left).
        case middle
    }

    /// The dataset whose preparation this is, as users read it: `MNIST`.
    public var name: String
    /// The side of the square result, in pixels.
    public var field: Int
    /// The longer side of the scaled ink box, in pixels.
    public var longSide: Int
    public var placement: Placement
    /// After levels (0 paper, 1 the brightest ink), the least value that counts as ink for the box.
    public var inkThreshold: Float = 0.25
    /// The least difference between the paper and the brightest pixel (on 0…1) for there to be ink.
    public var minimumContrast: Float = 0.1

    public init(name: String, field: Int, longSide: Int, placement: Placement) {
        precondition(field >= 1 && (1...field).contains(longSide), "ImagePreparation: box \(longSide) in a field of \(field)")
        self.name = name; self.field = field; self.longSide = longSide; self.placement = placement
    }

    /// MNIST's: a 20 × 20 box, centred by its centre of mass in 28 × 28.
    public static let mnist = ImagePreparation(name: "MNIST", field: 28, longSide: 20, placement: .centreOfMass)
    /// Fashion-MNIST's: the longer side 28, in the middle of 28 × 28.
    public static let fashionMNIST = ImagePreparation(name: "Fashion-MNIST", field: 28, longSide: 28, placement: .middle)

    /// The preparation of the dataset called `name` (`mnist`, `fashion-mnist`); MNIST's for any other.
    public static func forDataset(_ name: String) -> ImagePreparation {
        name == KnownDataset.fashionMNIST.name ? .fashionMNIST : .mnist
    }

    /// `picture` prepared as the dataset's images were, with what was done. Throws
    /// ``ImagePreparationError/blank`` when nothing in it stands out from the paper.
    /// Complexity: O(width · height).
    public func prepare(_ picture: PGMImage) throws(ImagePreparationError) -> PreparedImage {
        let bright = picture.inkOnBlack()
        let inverted = bright != picture
        let paper = Self.median(Self.border(of: bright))
        let ink = bright.pixels.max() ?? 0
        guard ink - paper >= minimumContrast else { throw .blank }
        let levelled = bright.pixels.map { max(0, ($0 - paper) / (ink - paper)) }
        guard let box = Self.box(levelled, width: bright.width, height: bright.height, threshold: inkThreshold) else { throw .blank }

        let scale = Double(longSide) / Double(max(box.width, box.height))
        let scaledWidth = box.width >= box.height ? longSide : max(1, Int((Double(box.width) * scale).rounded()))
        let scaledHeight = box.height >= box.width ? longSide : max(1, Int((Double(box.height) * scale).rounded()))
        let scaled = Self.areaAverage(levelled, width: bright.width, box: box, to: (scaledWidth, scaledHeight))

        let (x, y): (Int, Int)
        switch placement {
        case .middle:
            (x, y) = ((field - scaledWidth) / 2, (field - scaledHeight) / 2)
        case .centreOfMass:
            let centre = Self.centreOfMass(scaled, width: scaledWidth)
            let half = Double(field) / 2
            x = min(max(0, Int((half - centre.x).rounded())), field - scaledWidth)
            y = min(max(0, Int((half - centre.y).rounded())), field - scaledHeight)
        }
        var pixels = [Float](repeating: 0, count: field * field)
        for r in 0..<scaledHeight {
            for c in 0..<scaledWidth { pixels[(y + r) * field + x + c] = scaled[r * scaledWidth + c] }
        }
        let image = PGMImage(width: field, height: field, pixels: pixels)
        return PreparedImage(image: image, preparation: self, inverted: inverted, paper: paper, ink: ink, inkBox: box,
                             scaledWidth: scaledWidth, scaledHeight: scaledHeight, offset: (x, y),
                             centreOfMass: Self.centreOfMass(pixels, width: field))
    }

    /// The pixels along the edge of `image`, each once.
    static func border(of image: PGMImage) -> [Float] {
        let (w, h) = (image.width, image.height)
        var indices = Set<Int>()
        for x in 0..<w { indices.insert(x); indices.insert((h - 1) * w + x) }
        for y in 0..<h { indices.insert(y * w); indices.insert(y * w + w - 1) }
        return indices.sorted().map { image.pixels[$0] }
    }

    /// The middle value (the mean of the two middle ones for an even count); 0 for none.
    static func median(_ values: [Float]) -> Float {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }

    /// The smallest rectangle holding every pixel of at least `threshold`; nil when there is none.
    static func box(_ pixels: [Float], width: Int, height: Int, threshold: Float) -> InkBox? {
        var (left, top, right, bottom) = (width, height, -1, -1)
        for y in 0..<height {
            for x in 0..<width where pixels[y * width + x] >= threshold {
                left = min(left, x); right = max(right, x); top = min(top, y); bottom = max(bottom, y)
            }
        }
        guard right >= 0 else { return nil }
        return InkBox(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }

    /// The part `box` of a row-major picture `width` wide, resampled to `size` by area averaging: each
    /// new pixel is the mean of the rectangle of the box it covers, partly covered pixels weighted by
    /// the part covered. Separable: rows first, then columns.
    static func areaAverage(_ pixels: [Float], width: Int, box: InkBox, to size: (width: Int, height: Int)) -> [Float] {
        let across = weights(from: box.width, to: size.width), down = weights(from: box.height, to: size.height)
        var rows = [Float](repeating: 0, count: box.height * size.width)
        for r in 0..<box.height {
            let source = (box.y + r) * width + box.x
            for (c, terms) in across.enumerated() {
                rows[r * size.width + c] = terms.reduce(0) { $0 + $1.weight * pixels[source + $1.index] }
            }
        }
        var out = [Float](repeating: 0, count: size.width * size.height)
        for (r, terms) in down.enumerated() {
            for c in 0..<size.width {
                out[r * size.width + c] = terms.reduce(0) { $0 + $1.weight * rows[$1.index * size.width + c] }
            }
        }
        return out
    }

    /// For each of `m` new pixels over `n` old ones, the old pixels it covers and the share of it each
    /// covers (the shares of one new pixel add up to 1).
    static func weights(from n: Int, to m: Int) -> [[(index: Int, weight: Float)]] {
        let step = Double(n) / Double(m)
        return (0..<m).map { j in
            let (start, end) = (Double(j) * step, Double(j + 1) * step)
            var terms: [(index: Int, weight: Float)] = []
            var i = Int(start.rounded(.down))
            while i < n && Double(i) < end {
                let covered = min(end, Double(i + 1)) - max(start, Double(i))
                if covered > 0 { terms.append((i, Float(covered / step))) }
                i += 1
            }
            return terms
        }
    }

    /// The intensity-weighted mean position of a row-major picture, in pixel indices (pixel (c, r) is
    /// at x = c, y = r); the middle of the picture when it is all zero.
    static func centreOfMass(_ pixels: [Float], width: Int) -> (x: Double, y: Double) {
        var (total, sx, sy) = (0.0, 0.0, 0.0)
        for (i, v) in pixels.enumerated() where v > 0 {
            total += Double(v); sx += Double(v) * Double(i % width); sy += Double(v) * Double(i / width)
        }
        let height = pixels.count / max(width, 1)
        guard total > 0 else { return (Double(width - 1) / 2, Double(height - 1) / 2) }
        return (sx / total, sy / total)
    }
}

/// A rectangle of a picture, in pixels: left column, top row, width, height.
public struct InkBox: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

/// Why a picture could not be prepared.
public enum ImagePreparationError: Error, Equatable, CustomStringConvertible {
    /// Nothing stands out from the paper: the picture is of one shade, or nearly.
    case blank

    public var description: String {
        switch self {
        case .blank: return "no ink found: the picture is blank (all one shade, or nearly)"
        }
    }
}
