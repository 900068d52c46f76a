// Lane-wise comparisons of `SIMD8<Float>` that compile to vector instructions.
//
// Swift 6.3's `.<`, `.>` and `.!=` on `SIMD8<Float>` (and any SIMD comparison against a scalar) are
// generic lane loops that LLVM does not always turn back into one `vcmpps`: in `ReLU.forward` each
// `x .< 0` became eight `vucomiss` with a store and reload of the mask per lane, and ReLU took 40 % of
// a CNN epoch. Comparisons of two `SIMD8<Int32>` do compile to `vpcmpgtd`, so these helpers compare
// floats through their bits. Assembly (release, `-target-cpu haswell`, `objdump -d` of `ReLU.forward`):
// `vpsrad`, `vpand`, `vpxor`, `vpsubd`, `vpcmpgtd`, `vpminud`/`vpcmpeqd` for the NaN test, `vpandn`;
// no branches and no scalar compares inside the loop.

extension SIMD8 where Scalar == Float {
    /// Signed integers in the same order as the lanes' values, with −0 and +0 equal: the magnitude
    /// bits, negated for lanes whose sign bit is set. NaN lanes get keys beyond ±∞ (see ``nanLanes``).
    @inline(__always)
    var orderKeys: SIMD8<Int32> {
        let bits = unsafeBitCast(self, to: SIMD8<Int32>.self)
        let sign = bits &>> 31
        return ((bits & SIMD8<Int32>(repeating: 0x7FFF_FFFF)) ^ sign) &- sign
    }

    /// The lanes that hold a NaN (exponent all ones, mantissa not zero).
    @inline(__always)
    var nanLanes: SIMDMask<SIMD8<Int32>> {
        (unsafeBitCast(self, to: SIMD8<Int32>.self) & SIMD8<Int32>(repeating: 0x7FFF_FFFF)) .> SIMD8<Int32>(repeating: 0x7F80_0000)
    }
}

/// `a < b` per lane, false where either lane is NaN (IEEE ordered less-than, as `.<`).
@inline(__always)
func lanesLess(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMDMask<SIMD8<Int32>> {
    (a.orderKeys .< b.orderKeys) .& .!(a.nanLanes .| b.nanLanes)
}

/// `a > b` per lane, false where either lane is NaN (as `.>`).
@inline(__always)
func lanesGreater(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMDMask<SIMD8<Int32>> { lanesLess(b, a) }
