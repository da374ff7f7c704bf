package routing

import "testing"

var menu = []MenuOption{{"售前咨询", "presales"}, {"售后服务", "aftersales"}, {"Billing", "billing"}}

func TestParseMenuChoice(t *testing.T) {
	tests := []struct {
		text  string
		queue string
	}{
		{"1", "presales"},
		{"１", "presales"},
		{" 2 ", "aftersales"},
		{"\u30003\u3000", "billing"},
		{"1.", "presales"},
		{"１．", "presales"},
		{"2、", "aftersales"},
		{"2)", "aftersales"},
		{"1。", "presales"},
		{"售后服务", "aftersales"},
		{"billing", "billing"},
		{"ｂｉｌｌｉｎｇ", "billing"},
		{"0", ""},
		{"4", ""},
		{"-1", ""},
		{"+1", ""},
		{"1 2", ""},
		{"12abc", ""},
		{"我要售后", ""},
		{"", ""},
		{"   ", ""},
		{"99999999999999999999999", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			q, ok := ParseMenuChoice(tt.text, menu)
			if q != tt.queue || ok != (tt.queue != "") {
				t.Fatalf("got %q %v, want %q", q, ok, tt.queue)
			}
		})
	}
}

func TestIsAbandon(t *testing.T) {
	tests := []struct {
		text, keyword string
		expect        bool
	}{
		{"放弃排队", "", true},
		{"  放弃排队 ", "", true},
		{"\u3000放弃排队\u3000", "", true},
		{"放弃排队。", "", true},
		{"放弃排队！", "", true},
		{"我不想放弃排队", "", false},
		{"放弃", "", false},
		{"", "", false},
		{"QUIT", "quit", true},
		{"ｑｕｉｔ", "quit", true},
		{"放弃排队", "quit", false},
	}
	for _, tt := range tests {
		t.Run(tt.text+"/"+tt.keyword, func(t *testing.T) {
			if got := IsAbandon(tt.text, tt.keyword); got != tt.expect {
				t.Fatalf("got %v, want %v", got, tt.expect)
			}
		})
	}
}

func TestRenderMenu(t *testing.T) {
	tests := []struct {
		name    string
		options []MenuOption
		expect  string
	}{
		{"three options", menu, "1. 售前咨询\n2. 售后服务\n3. Billing"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RenderMenu(tt.options)
			if got != tt.expect {
				t.Fatalf("got %q, want %q", got, tt.expect)
			}
			for i, o := range tt.options {
				if q, ok := ParseMenuChoice(string(rune('1'+i)), tt.options); !ok || q != o.QueueID {
					t.Fatalf("rendered number %d does not parse back", i+1)
				}
			}
		})
	}
}
