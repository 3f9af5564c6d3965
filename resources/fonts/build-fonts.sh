#!/bin/sh
# Rebuilds the shipped font subsets from Debian's fonts-dejavu-core (DejaVu Sans 2.37) with
# fontTools' pyftsubset (Debian package "fonttools"). Run from this folder; commit the output.
# Coverage: Latin (Basic, Latin-1, Extended-A/B, Extended Additional), combining diacritics,
# Greek (+ Extended), Cyrillic (+ Supplement), punctuation, currency, letterlike, number forms,
# arrows, maths operators used in statements, box/geometric shapes. Hinting and OpenType layout
# tables are dropped (Folio lays out text itself; Latin/Greek/Cyrillic need no shaping).
set -eu
SRC=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
UNICODES="U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+1F00-1FFF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+2500-257F,U+25A0-25FF,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$SRC/$face.ttf" --unicodes="$UNICODES" --no-hinting --layout-features='' \
    --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM --notdef-outline --name-IDs='*' --name-languages='*' \
    --output-file="$face-LGC.ttf"
done
