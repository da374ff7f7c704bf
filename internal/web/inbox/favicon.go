package inbox

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// favicon is /favicon.ico, drawn once: browsers and tools ask for it even
// when the page names an SVG icon, and a 404 there is noise in every log.
var favicon = sync.OnceValue(drawFavicon)

// ShowFavicon is GET /favicon.ico: WeDesk's green speech bubble.
func ShowFavicon(e *core.RequestEvent) error {
	e.Response.Header().Set("Cache-Control", "public, max-age=604800")
	return e.Blob(http.StatusOK, "image/x-icon", favicon())
}

// drawFavicon draws a 32×32 speech bubble and wraps the PNG in an ICO
// container (one entry; ICO files may hold PNG data since Windows Vista).
func drawFavicon() []byte {
	const size = 32
	green := color.RGBA{0x07, 0xc1, 0x60, 0xff}
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			switch {
			case inBubble(x, y) && !onDot(x, y):
				img.Set(x, y, color.White)
			default:
				img.Set(x, y, green)
			}
		}
	}
	var pngBuf bytes.Buffer
	_ = png.Encode(&pngBuf, img) // encoding an in-memory RGBA image cannot fail
	var out bytes.Buffer
	header := []uint16{0, 1, 1} // reserved, type icon, one image
	_ = binary.Write(&out, binary.LittleEndian, header)
	out.Write([]byte{size, size, 0, 0})
	_ = binary.Write(&out, binary.LittleEndian, []uint16{1, 32})
	_ = binary.Write(&out, binary.LittleEndian, []uint32{uint32(pngBuf.Len()), 6 + 16})
	out.Write(pngBuf.Bytes())
	return out.Bytes()
}

// inBubble is the white speech bubble: a box with a tail at the lower left.
func inBubble(x, y int) bool {
	box := x >= 7 && x < 25 && y >= 9 && y < 20
	tail := y >= 20 && y < 24 && x >= 9 && x < 13-(y-20)
	return box || tail
}

// onDot marks the three dots inside the bubble.
func onDot(x, y int) bool {
	for _, cx := range []int{12, 16, 20} {
		dx, dy := x-cx, y-14
		if dx*dx+dy*dy <= 2 {
			return true
		}
	}
	return false
}
