package papers

import "testing"

// benchSentences is a realistic mix for one note's sentences: mostly prose
// in Chinese and English with no paper at all (the common case, which must
// stay cheap), a few with quotes, and a few that cite papers.
var benchSentences = []struct {
	text  string
	links []Link
}{
	{text: "我们在周会上讨论了缓存的淘汰策略，最后决定先用最简单的 LRU，等有了数据再调整。"},
	{text: "先做一个能跑通的版本，然后再一点点优化，这是我们一直以来的做法。"},
	{text: "索引的基本思路是，先把每个词出现在哪些文档里记下来(比如说 this is a note)，查询时直接查表。"},
	{text: "这个方案的问题在于每一步都要等上一步完成，无法并行，所以吞吐量上不去。"},
	{text: "写文档的时候尽量用短句，一段只讲一件事，读者会轻松很多。"},
	{text: "可以想象一下，如果每次打开笔记都要等几秒钟，大家很快就不愿意用了。"},
	{text: "2019年3月，团队把构建时间从二十分钟缩短到了四分钟(主要靠缓存依赖和并行测试)。"},
	{text: "后来又加了一层(增量编译)，效果还不错，不过维护成本也上去了。"},
	{text: "这台机器只有两个核，所以并发数设为二就够了。"},
	{text: "一篇讲索引的好文章, https://example.org/posts/how-indexes-work"},
	{text: "The scheduler keeps a small pool of workers busy and only wakes the writer when a batch is full."},
	{text: "We tried three settings for the cache size, and the middle one was the fastest on every machine we had."},
	{text: "Most of the time goes into parsing, so the graph code barely shows up in the profile."},
	{text: "Remember to rotate the logs every week; the disk filled up twice last month."},
	{text: "See the notes from the meeting on Tuesday for the list of open questions."},
	{text: "Inverted index, https://en.wikipedia.org/wiki/Inverted_index"},
	{text: "构建系统的演进笔记, https://blog.example.com/build-systems/2021/notes.html"},
	{text: "2017年，有一篇论文《Attention is all you need》被反复提起，我们读书会也读了。"},
	{text: `He called it "the best idea of the decade" and moved on.`},
	{text: "2017年6月，这篇论文《Attention is all you need》发表，后来影响很大。 链接： https://arxiv.org/abs/1706.03762"},
	{text: "BERT (arXiv:1810.04805v2) and the DOI doi:10.1145/3442188.3445922 are both cited.",
		links: []Link{{Dest: "https://dl.acm.org/doi/10.1145/3442188.3445922", Text: "Stochastic Parrots"}}},
}

func BenchmarkScan(b *testing.B) {
	bench := func(b *testing.B, only func(string) bool) {
		var bytes, n int
		var picked []int
		for i, s := range benchSentences {
			if only(s.text) {
				bytes += len(s.text)
				picked = append(picked, i)
			}
		}
		n = len(picked)
		b.ReportAllocs()
		for b.Loop() {
			for _, i := range picked {
				Scan(benchSentences[i].text, benchSentences[i].links)
			}
		}
		sec := b.Elapsed().Seconds()
		b.ReportMetric(float64(bytes)*float64(b.N)/sec/1e6, "MB/s")
		b.ReportMetric(sec*1e9/float64(b.N*n), "ns/sentence")
	}
	b.Run("mixed", func(b *testing.B) { bench(b, func(string) bool { return true }) })
	b.Run("no-trigger", func(b *testing.B) { bench(b, func(s string) bool { return !mayCite(s) }) })
	b.Run("trigger", func(b *testing.B) { bench(b, mayCite) })
}
