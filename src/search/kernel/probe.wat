;; The linear probe's two matrix products, in float64 WASM SIMD (two lanes), so the probe keeps the plain-JS
;; objective's float64 arithmetic (and its agreement with scikit-learn) at several times its speed.
;; Compiled at build time from this text by wabt (scripts/vite-plugin-wat.ts).
;;
;; X: n rows of `dims` float32 (dims even), W and G: `free` rows of `dims` float64, Z: n rows of `free` float64.
;; Four weight rows at a time, so each pair of X values is loaded and widened once for eight multiply-adds.
(module
  (memory (import "env" "memory") 1)

  ;; Z[i][f] = X[i] . W[f] for every row i < n and weight row f < free.
  (func (export "logits")
    (param $x i32) (param $w i32) (param $z i32) (param $n i32) (param $dims i32) (param $free i32)
    (local $row i32) (local $rowEnd i32) (local $f i32) (local $wf i32) (local $wBytes i32) (local $p i32) (local $q i32)
    (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $wBytes (i32.shl (local.get $dims) (i32.const 3)))
    (local.set $row (local.get $x))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.eqz (local.get $n)))
        (local.set $rowEnd (i32.add (local.get $row) (i32.shl (local.get $dims) (i32.const 2))))
        (local.set $f (i32.const 0))
        (local.set $wf (local.get $w))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $f) (i32.const 4)) (local.get $free)))
            (local.set $a0 (f64x2.splat (f64.const 0)))
            (local.set $a1 (f64x2.splat (f64.const 0)))
            (local.set $a2 (f64x2.splat (f64.const 0)))
            (local.set $a3 (f64x2.splat (f64.const 0)))
            (local.set $p (local.get $row))
            (local.set $q (local.get $wf))
            (block $dimsDone
              (loop $dimsLoop
                (br_if $dimsDone (i32.ge_u (local.get $p) (local.get $rowEnd)))
                (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (local.get $p))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (v128.load align=8 (local.get $q)))))
                (local.set $a1 (f64x2.add (local.get $a1)
                  (f64x2.mul (local.get $v) (v128.load align=8 (i32.add (local.get $q) (local.get $wBytes))))))
                (local.set $a2 (f64x2.add (local.get $a2)
                  (f64x2.mul (local.get $v)
                    (v128.load align=8 (i32.add (local.get $q) (i32.shl (local.get $wBytes) (i32.const 1)))))))
                (local.set $a3 (f64x2.add (local.get $a3)
                  (f64x2.mul (local.get $v)
                    (v128.load align=8 (i32.add (local.get $q) (i32.mul (local.get $wBytes) (i32.const 3)))))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $dimsLoop)))
            (f64.store (local.get $z)
              (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
            (f64.store offset=8 (local.get $z)
              (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1))))
            (f64.store offset=16 (local.get $z)
              (f64.add (f64x2.extract_lane 0 (local.get $a2)) (f64x2.extract_lane 1 (local.get $a2))))
            (f64.store offset=24 (local.get $z)
              (f64.add (f64x2.extract_lane 0 (local.get $a3)) (f64x2.extract_lane 1 (local.get $a3))))
            (local.set $z (i32.add (local.get $z) (i32.const 32)))
            (local.set $wf (i32.add (local.get $wf) (i32.shl (local.get $wBytes) (i32.const 2))))
            (local.set $f (i32.add (local.get $f) (i32.const 4)))
            (br $quads)))
        ;; The weight rows left over, one at a time.
        (block $singlesDone
          (loop $singles
            (br_if $singlesDone (i32.ge_u (local.get $f) (local.get $free)))
            (local.set $a0 (f64x2.splat (f64.const 0)))
            (local.set $p (local.get $row))
            (local.set $q (local.get $wf))
            (block $dimsDone1
              (loop $dimsLoop1
                (br_if $dimsDone1 (i32.ge_u (local.get $p) (local.get $rowEnd)))
                (local.set $a0 (f64x2.add (local.get $a0)
                  (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (local.get $p)))
                    (v128.load align=8 (local.get $q)))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $dimsLoop1)))
            (f64.store (local.get $z)
              (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
            (local.set $z (i32.add (local.get $z) (i32.const 8)))
            (local.set $wf (i32.add (local.get $wf) (local.get $wBytes)))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (br $singles)))
        (local.set $row (local.get $rowEnd))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))

  ;; G[f] += R[i][f] * X[i] for every row i < n and weight row f < free (G is not cleared here).
  (func (export "accumulate")
    (param $x i32) (param $r i32) (param $g i32) (param $n i32) (param $dims i32) (param $free i32)
    (local $row i32) (local $rowEnd i32) (local $f i32) (local $gf i32) (local $wBytes i32) (local $p i32) (local $q i32)
    (local $v v128) (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $at i32)
    (local.set $wBytes (i32.shl (local.get $dims) (i32.const 3)))
    (local.set $row (local.get $x))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.eqz (local.get $n)))
        (local.set $rowEnd (i32.add (local.get $row) (i32.shl (local.get $dims) (i32.const 2))))
        (local.set $f (i32.const 0))
        (local.set $gf (local.get $g))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $f) (i32.const 4)) (local.get $free)))
            (local.set $r0 (v128.load64_splat (local.get $r)))
            (local.set $r1 (v128.load64_splat offset=8 (local.get $r)))
            (local.set $r2 (v128.load64_splat offset=16 (local.get $r)))
            (local.set $r3 (v128.load64_splat offset=24 (local.get $r)))
            (local.set $p (local.get $row))
            (local.set $q (local.get $gf))
            (block $dimsDone
              (loop $dimsLoop
                (br_if $dimsDone (i32.ge_u (local.get $p) (local.get $rowEnd)))
                (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (local.get $p))))
                (v128.store align=8 (local.get $q)
                  (f64x2.add (v128.load align=8 (local.get $q)) (f64x2.mul (local.get $v) (local.get $r0))))
                (local.set $at (i32.add (local.get $q) (local.get $wBytes)))
                (v128.store align=8 (local.get $at)
                  (f64x2.add (v128.load align=8 (local.get $at)) (f64x2.mul (local.get $v) (local.get $r1))))
                (local.set $at (i32.add (local.get $at) (local.get $wBytes)))
                (v128.store align=8 (local.get $at)
                  (f64x2.add (v128.load align=8 (local.get $at)) (f64x2.mul (local.get $v) (local.get $r2))))
                (local.set $at (i32.add (local.get $at) (local.get $wBytes)))
                (v128.store align=8 (local.get $at)
                  (f64x2.add (v128.load align=8 (local.get $at)) (f64x2.mul (local.get $v) (local.get $r3))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $dimsLoop)))
            (local.set $r (i32.add (local.get $r) (i32.const 32)))
            (local.set $gf (i32.add (local.get $gf) (i32.shl (local.get $wBytes) (i32.const 2))))
            (local.set $f (i32.add (local.get $f) (i32.const 4)))
            (br $quads)))
        (block $singlesDone
          (loop $singles
            (br_if $singlesDone (i32.ge_u (local.get $f) (local.get $free)))
            (local.set $r0 (v128.load64_splat (local.get $r)))
            (local.set $p (local.get $row))
            (local.set $q (local.get $gf))
            (block $dimsDone1
              (loop $dimsLoop1
                (br_if $dimsDone1 (i32.ge_u (local.get $p) (local.get $rowEnd)))
                (v128.store align=8 (local.get $q)
                  (f64x2.add (v128.load align=8 (local.get $q))
                    (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (local.get $p))) (local.get $r0))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $dimsLoop1)))
            (local.set $r (i32.add (local.get $r) (i32.const 8)))
            (local.set $gf (i32.add (local.get $gf) (local.get $wBytes)))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (br $singles)))
        (local.set $row (local.get $rowEnd))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows)))))
