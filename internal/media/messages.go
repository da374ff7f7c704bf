package media

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// All user-facing rejection text lives here, English and Simplified Chinese
// side by side, so wording changes happen in one place.

var kindZH = map[Kind]string{KindImage: "图片", KindVideo: "视频", KindVoice: "语音", KindFile: "文件"}

var kindWithArticle = map[Kind]string{KindImage: "an image", KindVideo: "a video", KindVoice: "a voice clip", KindFile: "a document"}

// nameZH returns the Chinese noun for a kind, falling back to 文件.
func nameZH(k Kind) string {
	if s, ok := kindZH[k]; ok {
		return s
	}
	return "文件"
}

// formatList renders a rule's formats as "JPEG or PNG" / "JPEG、PNG".
func formatList(fs []Format) (en, zh string) {
	labels := make([]string, len(fs))
	for i, f := range fs {
		labels[i] = f.Label()
	}
	switch len(labels) {
	case 0:
		en = "nothing"
	case 1:
		en = labels[0]
	default:
		en = strings.Join(labels[:len(labels)-1], ", ") + " or " + labels[len(labels)-1]
	}
	return en, strings.Join(labels, "、")
}

// sizeVs renders a size and its limit ("12.3 MB", "10 MB"), falling back to
// exact byte counts when the rounded figures would look equal.
func sizeVs(n, limit int64) (have, max, haveZH, maxZH string) {
	have, max = HumanSize(n), HumanSize(limit)
	if have != max {
		return have, max, have, max
	}
	return fmt.Sprintf("%d bytes", n), fmt.Sprintf("%d bytes", limit),
		fmt.Sprintf("%d 字节", n), fmt.Sprintf("%d 字节", limit)
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

func rejectTooSmall(k Kind, f Format, n int) *Rejection {
	return &Rejection{Code: CodeTooSmall, Kind: k, Format: f,
		Reason:   fmt.Sprintf("%s too small: %d bytes (must be more than %d)", nameEN(k), n, MinBytes),
		ReasonZH: fmt.Sprintf("%s过小：%d 字节（须大于 %d 字节）", nameZH(k), n, MinBytes)}
}

func rejectTooLarge(k Kind, f Format, n, limit int64) *Rejection {
	have, max, haveZH, maxZH := sizeVs(n, limit)
	return &Rejection{Code: CodeTooLarge, Kind: k, Format: f,
		Reason:   fmt.Sprintf("%s too large: %s > %s", k, have, max),
		ReasonZH: fmt.Sprintf("%s过大：%s，上限 %s", nameZH(k), haveZH, maxZH)}
}

func rejectSpoofed(k Kind, f Format) *Rejection {
	actual := KindOf(f)
	return &Rejection{Code: CodeSpoofed, Kind: k, Format: f,
		Reason:   fmt.Sprintf("declared as %s but the content is %s (%s)", k, kindWithArticle[actual], f.Label()),
		ReasonZH: fmt.Sprintf("声明为%s，但内容是%s（%s）", nameZH(k), nameZH(actual), f.Label())}
}

func rejectWrongFormat(k Kind, f Format, allowed []Format) *Rejection {
	en, zh := formatList(allowed)
	if f == FormatUnknown {
		return &Rejection{Code: CodeWrongFormat, Kind: k, Format: f,
			Reason:   fmt.Sprintf("%s must be %s; the content is not a recognised format", k, en),
			ReasonZH: fmt.Sprintf("%s仅支持 %s；无法识别该内容的格式", nameZH(k), zh)}
	}
	return &Rejection{Code: CodeWrongFormat, Kind: k, Format: f,
		Reason:   fmt.Sprintf("%s must be %s; the content is %s", k, en, f.Label()),
		ReasonZH: fmt.Sprintf("%s仅支持 %s；实际内容为 %s", nameZH(k), zh, f.Label())}
}

func rejectTooLong(k Kind, f Format, d, limit time.Duration) *Rejection {
	return &Rejection{Code: CodeTooLong, Kind: k, Format: f,
		Reason:   fmt.Sprintf("%s too long: %s s > %s s", k, seconds(d), seconds(limit)),
		ReasonZH: fmt.Sprintf("%s过长：%s 秒，上限 %s 秒", nameZH(k), seconds(d), seconds(limit))}
}

func rejectCorrupt(k Kind, f Format) *Rejection {
	return &Rejection{Code: CodeCorrupt, Kind: k, Format: f,
		Reason:   fmt.Sprintf("%s is not a readable %s file", k, f.Label()),
		ReasonZH: fmt.Sprintf("%s已损坏，无法读取 %s 数据", nameZH(k), f.Label())}
}

func rejectUnknownKind(k Kind) *Rejection {
	return &Rejection{Code: CodeUnknownKind, Kind: k, Format: FormatUnknown,
		Reason:   fmt.Sprintf("unknown media kind %q (want image, video, voice or file)", string(k)),
		ReasonZH: fmt.Sprintf("未知的媒体类型 %q（应为图片、视频、语音或文件）", string(k))}
}

func rejectNeedsConversion(f Format, n, limit int64) *Rejection {
	r := &Rejection{Code: CodeNeedsConversion, Kind: KindImage, Format: f}
	if f == FormatJPEG || f == FormatPNG {
		have, max, haveZH, maxZH := sizeVs(n, limit)
		r.Reason = fmt.Sprintf("image must be downscaled: %s > %s", have, max)
		r.ReasonZH = fmt.Sprintf("图片需压缩：%s，上限 %s", haveZH, maxZH)
		return r
	}
	r.Reason = fmt.Sprintf("image must be converted: %s is sent as JPEG or PNG", f.Label())
	r.ReasonZH = fmt.Sprintf("图片需转换：%s 将转为 JPEG 或 PNG 发送", f.Label())
	return r
}

func rejectUnconvertible(f Format, limit int64) *Rejection {
	return &Rejection{Code: CodeUnconvertible, Kind: KindImage, Format: f,
		Reason:   fmt.Sprintf("image could not be converted to fit %s", HumanSize(limit)),
		ReasonZH: fmt.Sprintf("图片无法转换到 %s 以内", HumanSize(limit))}
}

// nameEN returns the English noun for a kind, falling back to "file" for
// content that has no kind (unrecognised, executable).
func nameEN(k Kind) string {
	if k.Valid() {
		return string(k)
	}
	return "file"
}

func rejectExecutable(k Kind) *Rejection {
	return &Rejection{Code: CodeExecutable, Kind: k, Format: FormatExecutable,
		Reason:   fmt.Sprintf("%s refused: the content is an executable program, whatever its name", nameEN(k)),
		ReasonZH: fmt.Sprintf("%s已拒绝：内容是可执行程序（与文件名无关）", nameZH(k))}
}

func rejectDimensions(k Kind, f Format, w, h int) *Rejection {
	return &Rejection{Code: CodeDimensions, Kind: k, Format: f,
		Reason: fmt.Sprintf("image dimensions too large: %d×%d px (at most %d px a side and %d megapixels)",
			w, h, MaxImageSide, MaxImagePixels/1_000_000),
		ReasonZH: fmt.Sprintf("图片尺寸过大：%d×%d 像素（单边最多 %d 像素，总计最多 %d 百万像素）",
			w, h, MaxImageSide, MaxImagePixels/1_000_000)}
}

// rejectUnrecognised is the inbound verdict for content that is none of the
// known formats, where there is no declared kind to name.
func rejectUnrecognised() *Rejection {
	return &Rejection{Code: CodeWrongFormat, Format: FormatUnknown,
		Reason:   "the content is not a recognised image, video, voice or document format",
		ReasonZH: "无法识别的内容格式（不是支持的图片、视频、语音或文档）"}
}
