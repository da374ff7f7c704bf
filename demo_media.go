package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
)

// demoPhoto draws a product photo: a parcel on a coloured background, so
// the demo's image messages show a real thumbnail.
func demoPhoto(hue uint8) []byte {
	const w, h = 320, 220
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{hue, 200, 255 - hue, 255}
	box := color.RGBA{196, 148, 92, 255}
	tape := color.RGBA{240, 220, 170, 255}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := bg
			switch {
			case x >= 100 && x < 220 && y >= 60 && y < 170 && x >= 154 && x < 166:
				c = tape
			case x >= 100 && x < 220 && y >= 60 && y < 170:
				c = box
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // an in-memory RGBA image always encodes
	return buf.Bytes()
}

// demoVoice is three seconds of AMR-NB (12.2 kbit/s frames of silence), the
// format WeChat delivers voice messages in.
func demoVoice() []byte {
	const frames = 150 // 20 ms each
	out := []byte("#!AMR\n")
	frame := make([]byte, 32)
	frame[0] = 7<<3 | 0x04 // frame type 7 (12.2 kbit/s), quality bit set
	for range frames {
		out = append(out, frame...)
	}
	return out
}

// demoVideo is the header of an eight-second MP4 (ftyp and moov/mvhd): enough
// for WeDesk to store and label it as a video.
func demoVideo() []byte {
	mvhd := make([]byte, 100)
	binary.BigEndian.PutUint32(mvhd[12:], 1000)  // timescale: milliseconds
	binary.BigEndian.PutUint32(mvhd[16:], 8000)  // duration
	binary.BigEndian.PutUint32(mvhd[20:], 1<<16) // playback rate 1.0
	binary.BigEndian.PutUint16(mvhd[24:], 1<<8)  // volume 1.0
	binary.BigEndian.PutUint32(mvhd[36:], 1<<16) // matrix a
	binary.BigEndian.PutUint32(mvhd[52:], 1<<16) // matrix d
	binary.BigEndian.PutUint32(mvhd[68:], 1<<30) // matrix w
	binary.BigEndian.PutUint32(mvhd[96:], 2)     // next track id
	ftyp := append([]byte("isom"), 0, 0, 2, 0)
	ftyp = append(ftyp, "isommp41"...)
	return append(mp4Box("ftyp", ftyp), mp4Box("moov", mp4Box("mvhd", mvhd))...)
}

func mp4Box(kind string, body []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	out = append(out, kind...)
	return append(out, body...)
}
