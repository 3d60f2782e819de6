package vaultgen

// The vocabularies below were written for this generator. They only need to
// look like a real notebook to a parser: a spread of English and Chinese
// words, tag names of every shape the extractor has to handle, and enough
// distinct values that the graph has a long tail.

var enWords = []string{
	"graph", "model", "index", "query", "layer", "token", "vector", "memory",
	"cache", "store", "batch", "stream", "schema", "signal", "review",
	"draft", "outline", "reading", "summary", "method", "baseline", "dataset",
	"benchmark", "latency", "throughput", "budget", "trade-off", "pattern",
	"decoder", "encoder", "attention", "gradient", "loss", "sample",
	"feature", "kernel", "scheduler", "compiler", "parser", "lexer",
	"network", "protocol", "packet", "buffer", "channel", "worker",
	"question", "answer", "idea", "habit", "journal", "meeting", "plan",
	"garden", "kitchen", "recipe", "travel", "train", "river", "mountain",
	"library", "archive", "chapter", "argument", "evidence", "claim",
	"experiment", "result", "figure", "table", "note", "link", "backlink",
	"weekly", "quarter", "roadmap", "milestone", "release", "version",
	"small", "large", "careful", "rough", "early", "later", "quiet", "fast",
	"slow", "simple", "subtle", "stable", "noisy", "sparse", "dense",
	"the", "a", "of", "to", "in", "and", "with", "from", "for", "on", "by",
	"is", "was", "can", "should", "might", "keeps", "shows", "makes",
	"explains", "compares", "suggests", "measures", "reduces", "improves",
	"breaks", "moves", "returns", "holds", "needs", "avoids", "tracks",
}

var enOpeners = []string{
	"It turns out that", "My current guess is that", "One thing worth noting:",
	"After rereading the chapter,", "In practice", "The short version is that",
	"A colleague pointed out that", "Looking back,", "For the record,",
	"Surprisingly,", "As a rule of thumb,", "The open question is whether",
}

var zhPhrases = []string{
	"这个模型的关键在于", "先把问题拆成几个小块", "再逐一验证每个假设",
	"读完这一章之后", "我的理解是", "实际效果比预期好一些", "数据量还远远不够",
	"需要更多的实验来确认", "训练成本仍然很高", "推理速度明显提升",
	"这和上周的讨论有关", "作者提出了一种新的思路", "方法本身并不复杂",
	"但是细节很多", "值得反复阅读", "可以和之前的笔记对照", "暂时先记下来",
	"以后再整理", "核心思想是分而治之", "把注意力放在最重要的部分",
	"从结果上看", "误差主要来自采样", "这一点常常被忽略", "换一个角度思考",
	"知识图谱把零散的笔记连接起来", "标签只是一种粗略的分类",
	"链接比目录更能反映思路", "今天的阅读进度不错", "周末整理了书架",
	"散步的时候想到", "会议上大家意见不一", "最后决定先做一个原型",
	"原型跑通以后再优化", "性能瓶颈在磁盘读写", "缓存命中率还可以",
	"预训练加微调的范式", "无监督学习的数据更容易获得", "有监督数据集小得多",
	"生成式模型更适合大数据", "判别式模型更依赖标注", "顺序计算难以并行",
	"并行化之后效率高了很多", "这个结论有待商榷", "引用的论文值得一读",
	"实验设置和原文略有不同", "复现花了两天时间", "代码已经放到仓库里",
	"文档写得比较简略", "示例很有帮助", "术语表放在文末",
}

var zhClosers = []string{"。", "。", "。", "！", "？", "；"}

var headingsEN = []string{
	"Overview", "Background", "Notes", "Open questions", "References",
	"Method", "Results", "Timeline", "Ideas", "Reading list", "Summary",
	"Related work", "Next steps", "Log",
}

var headingsZH = []string{
	"概述", "背景", "笔记", "问题", "参考", "方法", "结果", "发展历史",
	"相关论文", "想法", "读书笔记", "小结", "下一步", "日志", "介绍",
}

// baseTags are the head of the tag distribution: with Zipf sampling the
// first few land on a large share of notes, as "todo" or "思考" do in a real
// vault. Nested and CJK names are deliberately near the top.
var baseTags = []string{
	"think", "思考", "todo", "ml/nlp", "reading", "读书", "ml", "idea",
	"project/notegraph", "ml/cv", "writing", "写作", "go", "rust", "paper",
	"论文", "life", "生活", "travel", "旅行", "book/fiction", "book/history",
	"tools", "工具", "math", "数学", "ml/rl", "db/bbolt", "db", "weekly",
	"周记", "health", "cooking", "music", "音乐", "project/garden", "work",
	"工作", "meeting", "会议", "history", "历史", "physics", "draft",
	"review", "学习/英语", "学习/数学", "area/infra", "area/research",
	"inbox",
}

var tagStems = []string{
	"topic", "proj", "area", "ref", "series", "lab", "course", "专题", "系列",
	"课程",
}

var categories = []string{
	"思考", "技术", "读书", "生活", "Research", "Engineering", "Notes",
	"随笔", "Journal", "Projects", "学习", "Archive",
}

var authors = []string{
	"斜风", "细雨", "Ada Park", "林中", "J. Moreau", "Mei Chen", "老周",
	"R. Okafor", "Sam Lindqvist", "苏木", "K. Tanaka", "白石",
}

var folderNames = []string{
	"inbox", "projects", "reading", "研究", "journal", "archive", "读书",
	"papers", "ideas", "work", "生活", "notes", "courses", "ml", "infra",
	"writing", "随笔", "travel", "meetings", "references",
}

var noteStemsEN = []string{
	"attention", "transformer", "graph-notes", "weekly-review", "reading-log",
	"design-doc", "meeting", "paper-summary", "idea", "retro", "plan",
	"recipe", "trip", "lecture", "draft", "index", "overview", "howto",
	"benchmark", "postmortem",
}

var noteStemsZH = []string{
	"注意力机制", "读书笔记", "周记", "会议记录", "论文摘要", "想法", "旅行",
	"课程", "复盘", "计划", "知识图谱", "认识ChatGPT", "随想", "索引",
}

// Paper titles are assembled from these parts so that a pool of thousands
// has distinct, plausible titles.
var titleHeads = []string{
	"Learning", "Scaling", "Rethinking", "Towards", "On", "Revisiting",
	"Understanding", "Training", "Efficient", "Sparse", "Robust", "Simple",
}

var titleMiddles = []string{
	"Attention", "Retrieval", "Graph Neural Networks", "Language Models",
	"Diffusion", "Contrastive Representations", "Mixture of Experts",
	"Instruction Following", "Tokenization", "State Space Models",
	"Knowledge Graphs", "Reward Models", "Long Contexts", "Vision Encoders",
}

var titleTails = []string{
	"at Scale", "Without Labels", "for Reasoning", "in the Wild",
	"with Human Feedback", "from Scratch", "Is All You Need", "Revisited",
	"for Code", "Under Noise", "with Memory", "by Distillation",
}

var urlHosts = []string{
	"https://zhuanlan.zhihu.com/p/", "https://en.wikipedia.org/wiki/",
	"https://github.com/", "https://paperswithcode.com/method/",
	"https://www.freebuf.com/articles/", "https://blog.example.org/posts/",
	"http://docs.example.com/guide/", "https://news.ycombinator.com/item?id=",
	"https://go.dev/blog/", "https://www.bilibili.com/video/",
	"https://stackoverflow.com/questions/", "https://pkg.go.dev/",
}

var doiPrefixes = []string{
	"10.1145", "10.1038", "10.1109", "10.1016", "10.18653", "10.1007",
	"10.1126", "10.1073",
}

var monthsEN = []string{
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
}

var zhDigits = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

var zhMonths = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

var codeLangs = []string{"go", "bash", "python", "yaml", "sql", ""}
