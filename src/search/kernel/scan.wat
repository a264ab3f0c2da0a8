;; The int8 scan kernel: integer dot products of stored int8 rows with int8 queries, 16 dimensions at a time.
;; Compiled at build time from this text by wabt (scripts/vite-plugin-wat.ts); the layout is in README.md here.
;;
;; A row record is `stride` bytes: `chunks * 16` int8 codes (zero-padded past dims), then its float32 scale.
;; A query is `chunks * 16` int16 values (the int8 codes sign-extended once, zero-padded), 16-byte aligned.
;; Each 16 codes of a row are sign-extended to two i16x8 and multiplied pairwise with `i32x4.dot_i16x8_s`:
;; |127 * 127 * 2| fits an i32 lane, so every sum is exact.
(module
  (memory (import "env" "memory") 1 65536 shared)

  ;; The dot product of the row at $row with the query at $q, over $chunks x 16 dimensions.
  (func $dot (param $q i32) (param $row i32) (param $chunks i32) (result i32)
    (local $acc0 v128) (local $acc1 v128) (local $v v128) (local $end i32)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $chunks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $row) (local.get $end)))
        (local.set $v (v128.load align=1 (local.get $row)))
        (local.set $acc0 (i32x4.add (local.get $acc0)
          (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (v128.load (local.get $q)))))
        (local.set $acc1 (i32x4.add (local.get $acc1)
          (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (v128.load offset=16 (local.get $q)))))
        (local.set $row (i32.add (local.get $row) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (br $next)))
    (local.set $acc0 (i32x4.add (local.get $acc0) (local.get $acc1)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $acc0)) (i32x4.extract_lane 1 (local.get $acc0)))
      (i32.add (i32x4.extract_lane 2 (local.get $acc0)) (i32x4.extract_lane 3 (local.get $acc0)))))

  ;; The dot products of the row at $row with the two queries at $q and $q + $queryBytes: each row chunk is loaded
  ;; and sign-extended once for both (labels come in pairs).
  (func $dot2 (param $q i32) (param $queryBytes i32) (param $row i32) (param $chunks i32) (result i32 i32)
    (local $a v128) (local $b v128) (local $lo v128) (local $hi v128) (local $v v128) (local $end i32)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $chunks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $row) (local.get $end)))
        (local.set $v (v128.load align=1 (local.get $row)))
        (local.set $lo (i16x8.extend_low_i8x16_s (local.get $v)))
        (local.set $hi (i16x8.extend_high_i8x16_s (local.get $v)))
        (local.set $a (i32x4.add (local.get $a) (i32x4.add
          (i32x4.dot_i16x8_s (local.get $lo) (v128.load (local.get $q)))
          (i32x4.dot_i16x8_s (local.get $hi) (v128.load offset=16 (local.get $q))))))
        (local.set $b (i32x4.add (local.get $b) (i32x4.add
          (i32x4.dot_i16x8_s (local.get $lo) (v128.load (i32.add (local.get $q) (local.get $queryBytes))))
          (i32x4.dot_i16x8_s (local.get $hi) (v128.load offset=16 (i32.add (local.get $q) (local.get $queryBytes)))))))
        (local.set $row (i32.add (local.get $row) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (br $next)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $a)) (i32x4.extract_lane 1 (local.get $a)))
      (i32.add (i32x4.extract_lane 2 (local.get $a)) (i32x4.extract_lane 3 (local.get $a))))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $b)) (i32x4.extract_lane 1 (local.get $b)))
      (i32.add (i32x4.extract_lane 2 (local.get $b)) (i32x4.extract_lane 3 (local.get $b)))))

  ;; Approximate scores of rows [$start, $end), dot(query, row) * scale of that row in float64 (the same arithmetic
  ;; as the plain-JS twin: an exact integer times a float32 scale), kept only where above $threshold: the n-th kept
  ;; score goes to $scores (f64) and its row number to $kept (i32). Returns how many were kept. A ranking asks for
  ;; rows above its heap's current floor, so few cross back into JavaScript. (Two rows per iteration, sharing the
  ;; query's loads, measured slower in V8: 1.6x the CPU time.)
  (func (export "scan")
    (param $q i32) (param $rows i32) (param $stride i32) (param $chunks i32)
    (param $start i32) (param $end i32) (param $threshold f64) (param $scores i32) (param $kept i32) (result i32)
    (local $row i32) (local $codeBytes i32) (local $n i32) (local $score f64)
    (local.set $codeBytes (i32.shl (local.get $chunks) (i32.const 4)))
    (local.set $row (i32.add (local.get $rows) (i32.mul (local.get $start) (local.get $stride))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $start) (local.get $end)))
        (local.set $score (f64.mul
          (f64.convert_i32_s (call $dot (local.get $q) (local.get $row) (local.get $chunks)))
          (f64.promote_f32 (f32.load align=1 (i32.add (local.get $row) (local.get $codeBytes))))))
        (if (f64.gt (local.get $score) (local.get $threshold))
          (then
            (f64.store (i32.add (local.get $scores) (i32.shl (local.get $n) (i32.const 3))) (local.get $score))
            (i32.store (i32.add (local.get $kept) (i32.shl (local.get $n) (i32.const 2))) (local.get $start))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $start (i32.add (local.get $start) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; For rows [$start, $end) and $count queries stored back to back at $q: out (i32) gets, per row, the $count dot
  ;; products, then the row's own sum of squares (its squared length before scaling). Used for zero-shot labels.
  (func (export "dots")
    (param $q i32) (param $count i32) (param $rows i32) (param $stride i32) (param $chunks i32)
    (param $start i32) (param $end i32) (param $out i32)
    (local $row i32) (local $l i32) (local $queryBytes i32) (local $qi i32) (local $v v128) (local $acc v128)
    (local $c i32) (local $p i32) (local $first i32) (local $second i32)
    (local.set $queryBytes (i32.shl (local.get $chunks) (i32.const 5)))
    (local.set $row (i32.add (local.get $rows) (i32.mul (local.get $start) (local.get $stride))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $start) (local.get $end)))
        (local.set $l (i32.const 0))
        (local.set $qi (local.get $q))
        (block $labelsDone
          (loop $label
            (br_if $labelsDone (i32.ge_u (i32.add (local.get $l) (i32.const 1)) (local.get $count)))
            (call $dot2 (local.get $qi) (local.get $queryBytes) (local.get $row) (local.get $chunks))
            (local.set $second)
            (local.set $first)
            (i32.store (local.get $out) (local.get $first))
            (i32.store offset=4 (local.get $out) (local.get $second))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))
            (local.set $qi (i32.add (local.get $qi) (i32.shl (local.get $queryBytes) (i32.const 1))))
            (local.set $l (i32.add (local.get $l) (i32.const 2)))
            (br $label)))
        ;; An odd label out, alone.
        (if (i32.lt_u (local.get $l) (local.get $count))
          (then
            (i32.store (local.get $out) (call $dot (local.get $qi) (local.get $row) (local.get $chunks)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))))
        ;; The row's sum of squares: each 16 codes extended and dotted with themselves.
        (local.set $acc (i32x4.splat (i32.const 0)))
        (local.set $p (local.get $row))
        (local.set $c (i32.const 0))
        (block $squaresDone
          (loop $square
            (br_if $squaresDone (i32.ge_u (local.get $c) (local.get $chunks)))
            (local.set $v (v128.load align=1 (local.get $p)))
            (local.set $acc (i32x4.add (local.get $acc)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (i16x8.extend_low_i8x16_s (local.get $v)))))
            (local.set $acc (i32x4.add (local.get $acc)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (i16x8.extend_high_i8x16_s (local.get $v)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $square)))
        (i32.store (local.get $out)
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $start (i32.add (local.get $start) (i32.const 1)))
        (br $next))))
  ;; Exact cosines for reranking: for each of $count row numbers at $list (i32), out (f64) gets
  ;; dot(query, row) / ($qnorm * sqrt(row's sum of squares)), 0 when that denominator is 0. The query is $dims
  ;; float64 values at $q (16-byte aligned). The float dot runs in exactly the plain-JS twin's order (dotFloatInt8 of
  ;; src/search/kernels.ts): four sums s0..s3, where s_i adds q[j+i]*c[j+i] + q[j+i+4]*c[j+i+4] for each 8 codes,
  ;; then the tail into s0, then ((s0 + s1) + s2) + s3. Lanes (s0, s1) and (s2, s3) are two f64x2; WebAssembly never
  ;; fuses a multiply and an add, so every result equals the JS one bit for bit.
  (func (export "cosines")
    (param $q i32) (param $qnorm f64) (param $list i32) (param $count i32) (param $rows i32) (param $stride i32)
    (param $dims i32) (param $out i32)
    (local $i i32) (local $row i32) (local $j i32) (local $end8 i32) (local $chunks i32)
    (local $a v128) (local $b v128) (local $w v128) (local $lo v128) (local $hi v128) (local $qj i32)
    (local $s0 f64) (local $dot f64) (local $den f64) (local $sq v128) (local $v v128) (local $c i32) (local $p i32)
    (local.set $end8 (i32.sub (local.get $dims) (i32.rem_u (local.get $dims) (i32.const 8))))
    (local.set $chunks (i32.shr_u (i32.add (local.get $dims) (i32.const 15)) (i32.const 4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $row (i32.add (local.get $rows)
          (i32.mul (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))) (local.get $stride))))
        (local.set $a (f64x2.splat (f64.const 0)))
        (local.set $b (f64x2.splat (f64.const 0)))
        (local.set $j (i32.const 0))
        (local.set $qj (local.get $q))
        (block $eightsDone
          (loop $eight
            (br_if $eightsDone (i32.ge_u (local.get $j) (local.get $end8)))
            (local.set $w (i16x8.extend_low_i8x16_s (v128.load64_zero align=1 (i32.add (local.get $row) (local.get $j)))))
            (local.set $lo (i32x4.extend_low_i16x8_s (local.get $w)))
            (local.set $hi (i32x4.extend_high_i16x8_s (local.get $w)))
            (local.set $a (f64x2.add (local.get $a) (f64x2.add
              (f64x2.mul (v128.load (local.get $qj)) (f64x2.convert_low_i32x4_s (local.get $lo)))
              (f64x2.mul (v128.load offset=32 (local.get $qj)) (f64x2.convert_low_i32x4_s (local.get $hi))))))
            (local.set $b (f64x2.add (local.get $b) (f64x2.add
              (f64x2.mul (v128.load offset=16 (local.get $qj))
                (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
              (f64x2.mul (v128.load offset=48 (local.get $qj))
                (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $hi) (local.get $hi)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (local.set $qj (i32.add (local.get $qj) (i32.const 64)))
            (br $eight)))
        (local.set $s0 (f64x2.extract_lane 0 (local.get $a)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $j) (local.get $dims)))
            (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $qj))
              (f64.convert_i32_s (i32.load8_s (i32.add (local.get $row) (local.get $j)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (local.set $qj (i32.add (local.get $qj) (i32.const 8)))
            (br $tail)))
        (local.set $dot (f64.add (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $a)))
          (f64x2.extract_lane 0 (local.get $b))) (f64x2.extract_lane 1 (local.get $b))))
        ;; The row's sum of squares (exact integers; the codes past $dims are zero).
        (local.set $sq (i32x4.splat (i32.const 0)))
        (local.set $p (local.get $row))
        (local.set $c (i32.const 0))
        (block $squaresDone
          (loop $square
            (br_if $squaresDone (i32.ge_u (local.get $c) (local.get $chunks)))
            (local.set $v (v128.load align=1 (local.get $p)))
            (local.set $sq (i32x4.add (local.get $sq)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (i16x8.extend_low_i8x16_s (local.get $v)))))
            (local.set $sq (i32x4.add (local.get $sq)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (i16x8.extend_high_i8x16_s (local.get $v)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $square)))
        (local.set $den (f64.mul (local.get $qnorm) (f64.sqrt (f64.convert_i32_s
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $sq)) (i32x4.extract_lane 1 (local.get $sq)))
            (i32.add (i32x4.extract_lane 2 (local.get $sq)) (i32x4.extract_lane 3 (local.get $sq))))))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (select (f64.const 0) (f64.div (local.get $dot) (local.get $den)) (f64.eq (local.get $den) (f64.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)
