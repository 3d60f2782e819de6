package papers

import (
	"reflect"
	"testing"
)

// TestLinkTextTitles covers issue 15, class 5: the text of a link to a
// paper is its title only when it looks like one.
func TestLinkTextTitles(t *testing.T) {
	const abs = "https://arxiv.org/abs/2410.18970"
	paper := ax("2410.18970", "2024-10").u(abs)
	doiURL := "https://doi.org/10.1109/ICCV.2019.00612"
	doiPaper := doi("10.1109/iccv.2019.00612").u(doiURL)
	tests := []struct {
		name, unit, text string
		dest             string // abs when empty
		want             Hit
	}{
		// Not titles: the snippets of the issue.
		{name: "publicly available", unit: "**代码**: 公开可用", text: "公开可用", want: paper},
		{name: "this review", unit: "see this review for more", text: "this review", want: paper},
		{name: "venue and year", unit: "published at ICCV 2019", text: "ICCV 2019", dest: doiURL, want: doiPaper},
		{name: "this article", unit: "详见这篇文章", text: "这篇文章", want: paper},
		{name: "pdf", unit: "PDF", text: "PDF", want: paper},
		{name: "link", unit: "link", text: "link", want: paper},
		// Not titles: more of the same kinds.
		{name: "generic phrase", unit: "read the paper here", text: "read the paper here", want: paper},
		{name: "code publicly available", unit: "Code publicly available", text: "Code publicly available", want: paper},
		{name: "pronoun phrase with an adjective", unit: "see this excellent recent survey", text: "this excellent recent survey", want: paper},
		{name: "our paper at a venue", unit: "our CVPR 2021 paper", text: "our CVPR 2021 paper", want: paper},
		{name: "venue with qualifiers", unit: "NeurIPS 2020 Oral", text: "NeurIPS 2020 Oral", want: paper},
		{name: "venue with an abbreviated year", unit: "CVPR'19 best paper", text: "CVPR'19 best paper", want: paper},
		{name: "findings of a venue", unit: "Findings of EMNLP 2021", text: "Findings of EMNLP 2021", want: paper},
		{name: "author and year", unit: "(Vaswani et al., 2017)", text: "Vaswani et al., 2017", want: paper},
		{name: "that paper in Chinese", unit: "该论文", text: "该论文", want: paper},
		{name: "paper address", unit: "论文地址", text: "论文地址", want: paper},
		{name: "click here to read", unit: "点击这里查看原文", text: "点击这里查看原文", want: paper},
		{name: "official code", unit: "官方代码", text: "官方代码", want: paper},
		{name: "three CJK characters", unit: "链接一", text: "链接一", want: paper},
		{name: "one model name", unit: "BERT", text: "BERT", want: paper},
		{name: "two words", unit: "Vision Transformer", text: "Vision Transformer", want: paper},
		{name: "an arxiv id", unit: "arXiv:2410.18970", text: "arXiv:2410.18970", want: paper},

		// Titles.
		{name: "english title", unit: "Attention Is All You Need", text: "Attention Is All You Need", want: paper.titled("Attention Is All You Need")},
		{name: "title starting with this", unit: "x", text: "This Looks Like That: Deep Learning for Interpretable Image Recognition",
			want: paper.titled("This Looks Like That: Deep Learning for Interpretable Image Recognition")},
		{name: "chinese title of four characters", unit: "见《图神经网络》", text: "图神经网络", want: paper.titled("图神经网络")},
		{name: "chinese title", unit: "x", text: "基于深度学习的目标检测综述", want: paper.titled("基于深度学习的目标检测综述")},
		{name: "mixed title", unit: "x", text: "GPT-4技术报告", want: paper.titled("GPT-4技术报告")},
		{name: "title in title marks", unit: "x", text: "《Deep Residual Learning for Image Recognition》", want: paper.titled("Deep Residual Learning for Image Recognition")},
		{name: "trailing year cut", unit: "x", text: "Deep Residual Learning for Image Recognition (2016)", dest: doiURL,
			want: doiPaper.titled("Deep Residual Learning for Image Recognition").dated("2016")},
		{name: "trailing year does not replace an arxiv date", unit: "x", text: "Robust Speech Recognition (2022)",
			want: paper.titled("Robust Speech Recognition")},
		{name: "trailing label cut", unit: "x", text: "A Survey of Large Language Models (Survey)", want: paper.titled("A Survey of Large Language Models")},
		{name: "trailing venue and year cut", unit: "x", text: "Attention Is All You Need (NeurIPS 2017)", dest: doiURL,
			want: doiPaper.titled("Attention Is All You Need").dated("2017")},
		{name: "full-width label cut", unit: "x", text: "大语言模型综述研究（综述）", want: paper.titled("大语言模型综述研究")},
		{name: "parentheses that are part of the title kept", unit: "x", text: "Learning to Rank (with Ties)", want: paper.titled("Learning to Rank (with Ties)")},
		{name: "a year alone is no title", unit: "x", text: "(2022)", want: paper},
	}
	if len(tests) < 20 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := tt.dest
			if dest == "" {
				dest = abs
			}
			got := Scan(tt.unit, link(dest, tt.text))
			if len(got.Papers) != 1 || !reflect.DeepEqual(got.Papers[0], tt.want) {
				t.Errorf("Scan(%q, [%s](%s)).Papers\n got %+v\nwant [%+v]", tt.unit, tt.text, dest, got.Papers, tt.want)
			}
		})
	}
}

func (h Hit) dated(d string) Hit { h.Date = d; return h }

func TestLooksLikeTitle(t *testing.T) {
	tests := []struct {
		s      string
		minCJK int
		want   bool
	}{
		{"Attention Is All You Need", MinCJKQuoted, true},
		{"Scaling Laws", MinCJKQuoted, false},
		{"噪声", MinCJKQuoted, false},
		{"质能方程", MinCJKQuoted, false},
		{"质能方程", MinCJKLinkText, true},
		{"注意力机制就是你所需要的", MinCJKQuoted, true},
		{"这篇论文的主要内容", MinCJKQuoted, false},
		{"the paper we read", MinCJKQuoted, false},
		{"ICLR 2021 Spotlight", MinCJKQuoted, false},
		{"Smith et al. 2020", MinCJKQuoted, false},
		{"On the Dangers of Stochastic Parrots", MinCJKQuoted, true},
	}
	for _, tt := range tests {
		if got := LooksLikeTitle(tt.s, tt.minCJK); got != tt.want {
			t.Errorf("LooksLikeTitle(%q, %d) = %v, want %v", tt.s, tt.minCJK, got, tt.want)
		}
	}
}

func TestCutTrailing(t *testing.T) {
	tests := []struct{ in, title, year string }{
		{"Attention Is All You Need (2017)", "Attention Is All You Need", "2017"},
		{"A Survey of Agents (Survey)", "A Survey of Agents", ""},
		{"A Survey of Agents (Survey) (2023)", "A Survey of Agents", "2023"},
		{"Mask R-CNN (ICCV 2017)", "Mask R-CNN", "2017"},
		{"深度学习综述（2015）", "深度学习综述", "2015"},
		{"Learning to Rank (with Ties)", "Learning to Rank (with Ties)", ""},
		{"(2017)", "(2017)", ""},
		{"Title (3000)", "Title (3000)", ""},
		{"Unclosed (2017", "Unclosed (2017", ""},
		{"Attention Is All You Need (arXiv:1706.03762)", "Attention Is All You Need", ""},
	}
	for _, tt := range tests {
		title, year := CutTrailing(tt.in)
		if title != tt.title || year != tt.year {
			t.Errorf("CutTrailing(%q) = %q, %q; want %q, %q", tt.in, title, year, tt.title, tt.year)
		}
	}
}

// TestQuotedTitles covers issue 15, class 4: a quoted phrase is a paper
// of its own (Cued) only when it looks like a title and the unit names a
// paper; a phrase that cannot be a title even beside an ID is dropped.
func TestQuotedTitles(t *testing.T) {
	tests := []struct {
		name, text string
		want       []Title
		ids        int // papers cited, all without a title
	}{
		// The snippets of the issue.
		{name: "a quoted word in a paper sentence", text: `这篇论文把这些"噪声"变成了信号`},
		{name: "a short book title", text: "《质能方程》"},
		// Not papers.
		{name: "a quoted term in a paper sentence", text: "论文里提到的“注意力机制”很关键"},
		{name: "one english word", text: `在论文中，作者称之为 "attention"`},
		{name: "a title with no paper in the unit", text: "《人类简史：从动物到上帝》是一本好书", want: titles(plain("人类简史：从动物到上帝"))},
		{name: "a film next to a paper", text: "电影《星际穿越的科学原理》上映了，相关论文也很多", want: titles(plain("星际穿越的科学原理"))},
		{name: "a book before the paper", text: `I read the book "Deep Learning with Python" before the paper`, want: titles(plain("Deep Learning with Python"))},
		{name: "a pronoun phrase", text: `论文作者把它叫做"这篇论文的核心"`},
		{name: "a venue and year in quotes", text: `the paper appeared at "NeurIPS 2020 Oral"`},
		{name: "two words in quotes", text: `the paper calls it "Scaling Laws"`},
		{name: "a talk", text: `a talk "How Transformers Learn in Context" at the paper reading group`, want: titles(plain("How Transformers Learn in Context"))},
		// Papers.
		{name: "paper cue before", text: "2017年，谷歌发布论文《Attention is all you need》，提出Transformer模型", want: titles(cued("Attention is all you need"))},
		{name: "a quoted term next to an id is no title", text: "作者把第二阶段叫做“知识蒸馏”，见 arXiv:1503.02531", ids: 1},
		{name: "published in", text: "Hinton 等人 2006 年在 Science 发表《Reducing the Dimensionality of Data with Neural Networks》", want: titles(cued("Reducing the Dimensionality of Data with Neural Networks"))},
		{name: "a venue in the unit", text: `我们在 NeurIPS 上读到 "Denoising Diffusion Probabilistic Models"，很受启发`, want: titles(cued("Denoising Diffusion Probabilistic Models"))},
		{name: "the paper", text: `The paper "On the Dangers of Stochastic Parrots" argues against scale`, want: titles(cued("On the Dangers of Stochastic Parrots"))},
		{name: "a chinese title published at a venue", text: "这篇发表在ACL上的工作《预训练语言模型的知识探测》很有意思", want: titles(cued("预训练语言模型的知识探测"))},
		{name: "traditional characters and proceedings", text: "「深度強化學習的穩定性分析」收錄於 proceedings 第三卷", want: titles(cued("深度強化學習的穩定性分析"))},
		{name: "arxiv in the unit", text: "arXiv 上的 “Scaling Laws for Neural Language Models” 值得一读", want: titles(cued("Scaling Laws for Neural Language Models"))},
		{name: "a journal", text: `发表在期刊上的“基于图神经网络的推荐系统”`, want: titles(cued("基于图神经网络的推荐系统"))},
		{name: "trailing year cut", text: `the paper "Deep Residual Learning for Image Recognition (2016)"`, want: titles(cued("Deep Residual Learning for Image Recognition"))},
		{name: "shared cue", text: "论文《Deep Residual Learning》与《Identity Mappings in Deep Residual Networks》", want: titles(cued("Deep Residual Learning"), cued("Identity Mappings in Deep Residual Networks"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Scan(tt.text, nil)
			untitled := 0
			for _, h := range got.Papers {
				if h.Title == "" {
					untitled++
				}
			}
			if len(got.Papers) != tt.ids || untitled != tt.ids || !reflect.DeepEqual(got.Titles, tt.want) {
				t.Errorf("Scan(%q) = %+v, want titles %+v", tt.text, got, tt.want)
			}
		})
	}
}

func TestTitleOfNote(t *testing.T) {
	tests := []struct{ in, title, year string }{
		{"Attention Is All You Need", "Attention Is All You Need", ""},
		{"【论文笔记】Deep Residual Learning for Image Recognition", "Deep Residual Learning for Image Recognition", ""},
		{"[Paper Reading] Denoising Diffusion Probabilistic Models", "Denoising Diffusion Probabilistic Models", ""},
		{"Paper Notes: Language Models are Few-Shot Learners (2020)", "Language Models are Few-Shot Learners", "2020"},
		{"读论文：BERT: Pre-training of Deep Bidirectional Transformers", "BERT: Pre-training of Deep Bidirectional Transformers", ""},
		{"Attention Is All You Need | 阅读笔记", "Attention Is All You Need", ""},
		{"基于深度学习的目标检测综述 论文精读", "基于深度学习的目标检测综述", ""},
		{"论文笔记", "", ""},
		{"BERT", "", ""},
		{"2023 年读过的论文", "", ""},
		{"Papers I Read in 2023", "", ""},
	}
	for _, tt := range tests {
		title, year, ok := TitleOfNote(tt.in)
		if title != tt.title || year != tt.year || ok != (tt.title != "") {
			t.Errorf("TitleOfNote(%q) = %q, %q, %v; want %q, %q", tt.in, title, year, ok, tt.title, tt.year)
		}
	}
}
