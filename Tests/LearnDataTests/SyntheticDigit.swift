import Foundation
@testable import LearnData

/// A "7" defined by geometry, not pixels, so that it can be drawn at any scale and place: a bar across
/// the top (3 units high) and a stroke 3.2 units thick from under its right end down to the bottom,
/// inside a box of exactly 14 × 20 units (the bar spans the width, the stroke reaches the bottom).
/// Most of its ink is high, so its centre of mass is not the middle of its box: it is near (7.09, 6.95)
/// in pixel indices when drawn 14 × 20, a quarter pixel or more from the half-pixel positions where a
/// whole-pixel translation would be a coin toss between two.
enum SyntheticDigit {
    static let width = 14.0, height = 20.0

    /// Whether the point (x, y), in units from the box's top left corner, is ink.
    static func isInk(_ x: Double, _ y: Double) -> Bool {
        guard x >= 0, x < width, y >= 0, y < height else { return false }
        if y < 3 { return true }
        // Distance from the segment (12.5, 3)–(3.5, 20).
        let (ax, ay, bx, by) = (12.5, 3.0, 3.5, 20.0)
        let (dx, dy) = (bx - ax, by - ay)
        let t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        let (px, py) = (ax + t * dx - x, ay + t * dy - y)
        return px * px + py * py <= 1.6 * 1.6
    }

    /// A `canvasWidth × canvasHeight` picture with the digit drawn `scale` pixels per unit, its box's
    /// top left corner at pixel (left, top); each pixel the part of it that is ink (`samples²` points
    /// per pixel). Dark ink (`ink`) on light paper (`paper`) when `paper > ink`.
    static func picture(scale: Double, left: Double, top: Double, canvasWidth: Int, canvasHeight: Int,
                        paper: Float = 1, ink: Float = 0, samples: Int = 4) -> PGMImage {
        var pixels = [Float](repeating: paper, count: canvasWidth * canvasHeight)
        let step = 1 / Double(samples)
        for r in 0..<canvasHeight {
            for c in 0..<canvasWidth {
                // Skip pixels far from the digit quickly.
                let (x0, y0) = ((Double(c) - left) / scale, (Double(r) - top) / scale)
                guard x0 > -1, x0 < width + 1, y0 > -1, y0 < height + 1 else { continue }
                var covered = 0
                for i in 0..<samples {
                    for j in 0..<samples where isInk((Double(c) + (Double(j) + 0.5) * step - left) / scale,
                                                     (Double(r) + (Double(i) + 0.5) * step - top) / scale) {
                        covered += 1
                    }
                }
                let coverage = Float(covered) / Float(samples * samples)
                pixels[r * canvasWidth + c] = paper + (ink - paper) * coverage
            }
        }
        return PGMImage(width: canvasWidth, height: canvasHeight, pixels: pixels)
    }

    /// The digit as MNIST would hold it, derived without ``ImagePreparation``: drawn at one pixel per
    /// unit (its box is 14 × 20, the longer side 20) light on black, then moved by the whole number of
    /// pixels that brings its centre of mass, in pixel indices, nearest to (14, 14) of 28 × 28.
    static func centred(samples: Int = 8) -> (image: PGMImage, centre: (x: Double, y: Double)) {
        let drawn = picture(scale: 1, left: 0, top: 0, canvasWidth: 14, canvasHeight: 20, paper: 0, ink: 1, samples: samples)
        var (total, sx, sy) = (0.0, 0.0, 0.0)
        for r in 0..<20 {
            for c in 0..<14 {
                let v = Double(drawn.pixels[r * 14 + c])
                total += v; sx += v * Double(c); sy += v * Double(r)
            }
        }
        let centre = (x: sx / total, y: sy / total)
        let (dx, dy) = (Int((14 - centre.x).rounded()), Int((14 - centre.y).rounded()))
        var pixels = [Float](repeating: 0, count: 28 * 28)
        for r in 0..<20 { for c in 0..<14 { pixels[(r + dy) * 28 + c + dx] = drawn.pixels[r * 14 + c] } }
        return (PGMImage(width: 28, height: 28, pixels: pixels), centre)
    }

    /// `image` enlarged `factor` times (each pixel a `factor × factor` block), inverted (dark on white)
    /// and put at (left, top) on a white canvas.
    static func enlargedOnPaper(_ image: PGMImage, factor: Int, left: Int, top: Int, canvasWidth: Int, canvasHeight: Int) -> PGMImage {
        var pixels = [Float](repeating: 1, count: canvasWidth * canvasHeight)
        for r in 0..<image.height * factor {
            for c in 0..<image.width * factor {
                pixels[(top + r) * canvasWidth + left + c] = 1 - image.pixels[(r / factor) * image.width + c / factor]
            }
        }
        return PGMImage(width: canvasWidth, height: canvasHeight, pixels: pixels)
    }

    /// The smallest rectangle holding every pixel above `threshold`, and the centre of mass in pixel
    /// indices: measured here, independently of ``ImagePreparation``.
    static func measure(_ image: PGMImage, threshold: Float = 0) -> (box: InkBox, centre: (x: Double, y: Double)) {
        var (left, top, right, bottom) = (Int.max, Int.max, -1, -1)
        var (total, sx, sy) = (0.0, 0.0, 0.0)
        for r in 0..<image.height {
            for c in 0..<image.width {
                let v = image.pixels[r * image.width + c]
                guard v > threshold else { continue }
                left = min(left, c); right = max(right, c); top = min(top, r); bottom = max(bottom, r)
                total += Double(v); sx += Double(v) * Double(c); sy += Double(v) * Double(r)
            }
        }
        return (InkBox(x: left, y: top, width: right - left + 1, height: bottom - top + 1), (sx / total, sy / total))
    }
}
