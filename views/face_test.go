package views

import "testing"

func TestCustomerFace(t *testing.T) {
	a := CustomerFace("", "", "oDemoUser00000000000000000a1b2c", "")
	b := CustomerFace("", "", "oDemoUser00000000000000000x9y8z", "")
	if a.Label != "…0a1b2c" || a.IDTail != "0a1b2c" {
		t.Errorf("label %q tail %q", a.Label, a.IDTail)
	}
	if !a.LabelIsID || CustomerFace("", "小王", "o1", "").LabelIsID {
		t.Error("LabelIsID wrong")
	}
	if a.Initials == b.Initials {
		t.Errorf("same initials %q for different ids", a.Initials)
	}
	same1 := CustomerFace("王女士（批发）", "小王", "o_same_1", "")
	same2 := CustomerFace("", "小王", "o_same_2", "")
	if same1.Label != "王女士（批发）" || same1.Secondary != "小王" || same2.Label != "小王" {
		t.Errorf("labels %+v %+v", same1, same2)
	}
	if same1.Initials != "王" {
		t.Errorf("CJK initials %q", same1.Initials)
	}
	if f := CustomerFace("", "ada lovelace", "x", ""); f.Initials != "AL" {
		t.Errorf("latin initials %q", f.Initials)
	}
	hues := map[int]bool{}
	for _, id := range []string{"o1", "o2", "o3", "o4", "o5", "o6"} {
		hues[CustomerFace("", "", id, "").Hue] = true
	}
	if len(hues) < 3 {
		t.Errorf("hues barely vary: %v", hues)
	}
}
