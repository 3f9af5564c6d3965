#!/bin/sh
# Regenerates every icon size from build/icon.svg (Debian: apt-get install -y librsvg2-bin
# imagemagick icnsutils). The generated files are committed, so packaging needs none of these tools.
#   build/icon.png            1024x1024 (electron-builder's default source)
#   build/icons/NxN.png       Linux hicolor sizes (electron-builder reads the folder)
#   build/icon.ico            Windows: 16, 24, 32, 48, 64, 128, 256
#   build/icon.icns           macOS: 16 to 1024
set -eu
cd "$(dirname "$0")"
mkdir -p icons
for n in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$n" -h "$n" icon.svg -o "icons/${n}x${n}.png"
done
cp icons/1024x1024.png icon.png
convert icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png \
  icons/128x128.png icons/256x256.png icon.ico
png2icns icon.icns icons/16x16.png icons/32x32.png icons/48x48.png icons/128x128.png \
  icons/256x256.png icons/512x512.png icons/1024x1024.png
echo "icons written to $(pwd)"
