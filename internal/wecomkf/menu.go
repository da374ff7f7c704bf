package wecomkf

import "fmt"

// Menu limits in bytes (wecom-kf.md §5). Click ids keep to 64 bytes, the
// stricter of the two documented limits.
const (
	maxMenuItems     = 10
	maxMenuHeadTail  = 1024
	maxMenuClickID   = 64
	maxMenuClickText = 128
	maxMenuViewURL   = 2048
	maxMenuLineText  = 1024
	maxMenuAppID     = 32
	maxMenuPagePath  = 1024
	maxMenuPlainText = 256
)

// checkMenu validates an outbound menu and returns a copy whose items all
// carry their Type (inferred from the one body set when Type is empty).
func checkMenu(path string, m *Menu) (*Menu, error) {
	if len(m.List) > maxMenuItems {
		return nil, invalid(path, "msgmenu has %d items, at most %d", len(m.List), maxMenuItems)
	}
	if len(m.HeadContent) > maxMenuHeadTail || len(m.TailContent) > maxMenuHeadTail {
		return nil, invalid(path, "msgmenu head or tail over %d bytes", maxMenuHeadTail)
	}
	if len(m.List) == 0 && m.HeadContent == "" && m.TailContent == "" {
		return nil, invalid(path, "msgmenu is empty")
	}
	out := &Menu{HeadContent: m.HeadContent, TailContent: m.TailContent, List: make([]MenuItem, len(m.List))}
	for i, item := range m.List {
		typ, err := item.checked()
		if err != nil {
			return nil, invalid(path, "list[%d]: %s", i, err)
		}
		item.Type = typ
		out.List[i] = item
	}
	return out, nil
}

// checked returns the item's type after checking that exactly the body of
// that type is set and within its byte limits.
func (it MenuItem) checked() (string, error) {
	bodies := map[string]bool{
		MenuItemClick: it.Click != nil, MenuItemView: it.View != nil,
		MenuItemMiniProgram: it.MiniProgram != nil, MenuItemText: it.Text != nil,
	}
	set := ""
	for typ, ok := range bodies {
		if ok && set != "" {
			return "", fmt.Errorf("more than one body set")
		}
		if ok {
			set = typ
		}
	}
	switch {
	case set == "":
		return "", fmt.Errorf("no body set")
	case it.Type != "" && it.Type != set:
		return "", fmt.Errorf("type %q but %s body set", it.Type, set)
	}
	return set, it.checkLimits(set)
}

// checkLimits applies the per-field byte limits of one menu line.
func (it MenuItem) checkLimits(typ string) error {
	switch typ {
	case MenuItemClick:
		return within("click", it.Click.ID, maxMenuClickID, it.Click.Content, maxMenuClickText)
	case MenuItemView:
		return within("view", it.View.URL, maxMenuViewURL, it.View.Content, maxMenuLineText)
	case MenuItemMiniProgram:
		if err := within("miniprogram", it.MiniProgram.AppID, maxMenuAppID, it.MiniProgram.Content, maxMenuLineText); err != nil {
			return err
		}
		if n := len(it.MiniProgram.PagePath); n == 0 || n > maxMenuPagePath {
			return fmt.Errorf("miniprogram pagepath must be 1..%d bytes", maxMenuPagePath)
		}
	case MenuItemText:
		if n := len(it.Text.Content); n == 0 || n > maxMenuPlainText {
			return fmt.Errorf("text content must be 1..%d bytes", maxMenuPlainText)
		}
	}
	return nil
}

// within checks a key field (1..keyMax bytes) and a content field
// (1..contentMax bytes) of one menu body.
func within(kind, key string, keyMax int, content string, contentMax int) error {
	if n := len(key); n == 0 || n > keyMax {
		return fmt.Errorf("%s id/url/appid must be 1..%d bytes", kind, keyMax)
	}
	if n := len(content); n == 0 || n > contentMax {
		return fmt.Errorf("%s content must be 1..%d bytes", kind, contentMax)
	}
	return nil
}
