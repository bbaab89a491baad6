// Server-side SVG barcodes of a card (bwip-js): EAN-13 for tills, QR for scanners and phones.
import bwipjs from "bwip-js/node";

export function ean13Svg(number: string): string {
  return bwipjs.toSVG({ bcid: "ean13", text: number, includetext: true, textxalign: "justify", scale: 3, height: 22, guardwhitespace: true, backgroundcolor: "FFFFFF" } as Parameters<
    typeof bwipjs.toSVG
  >[0]);
}

export function qrSvg(payload: string): string {
  return bwipjs.toSVG({ bcid: "qrcode", text: payload, scale: 4, eclevel: "M", backgroundcolor: "FFFFFF", paddingwidth: 2, paddingheight: 2 } as Parameters<typeof bwipjs.toSVG>[0]);
}
