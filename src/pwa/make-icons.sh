#!/usr/bin/env bash
# Draws Shoebox's app icons (a kraft shoebox with a photo peeking out) with ImageMagick into public/icons/.
# "any" icons fill a rounded tile; "maskable" ones keep the drawing inside the 80% safe zone on a full-bleed field.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=public/icons
mkdir -p "$out"

draw() { # size, scale of the drawing (1 = fills the tile), rounded corners (0/1), file
  local s=$1 k=$2 round=$3 file=$4
  local c=$((s / 2))
  p() { awk -v c="$c" -v s="$s" -v k="$k" -v v="$1" 'BEGIN { printf "%d", c + (v - 0.5) * s * k }'; }
  local bg=(-size "${s}x${s}" xc:none -fill '#1d2a35')
  if [ "$round" = 1 ]; then bg+=(-draw "roundrectangle 0,0 $((s - 1)),$((s - 1)) $((s / 6)),$((s / 6))"); else bg+=(-draw "rectangle 0,0 $s,$s"); fi
  /usr/bin/convert "${bg[@]}" \
    -fill '#f4f1ea' -draw "polygon $(p 0.30),$(p 0.44) $(p 0.62),$(p 0.18) $(p 0.80),$(p 0.40) $(p 0.48),$(p 0.66)" \
    -fill '#5aa0d8' -draw "polygon $(p 0.36),$(p 0.44) $(p 0.61),$(p 0.24) $(p 0.74),$(p 0.40) $(p 0.49),$(p 0.60)" \
    -fill '#3f9a5a' -draw "polygon $(p 0.40),$(p 0.50) $(p 0.56),$(p 0.38) $(p 0.70),$(p 0.44) $(p 0.49),$(p 0.60)" \
    -fill '#b9874b' -draw "rectangle $(p 0.18),$(p 0.46) $(p 0.82),$(p 0.80)" \
    -fill '#d9a561' -draw "rectangle $(p 0.14),$(p 0.40) $(p 0.86),$(p 0.50)" \
    -fill '#f0b23c' -draw "rectangle $(p 0.42),$(p 0.58) $(p 0.58),$(p 0.66)" \
    -depth 8 -strip "$out/$file"
}

draw 192 1 1 icon-192.png
draw 512 1 1 icon-512.png
draw 192 0.8 0 maskable-192.png
draw 512 0.8 0 maskable-512.png
