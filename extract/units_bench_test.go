package extract

import (
	"testing"

	"github.com/notegraph/notegraph/extract/dates"
	"github.com/notegraph/notegraph/extract/papers"
)

// BenchmarkVaultUnits times the date grammar and the paper scanner alone on
// the units of a generated vault, as Extract hands them over, so that
// their share of BenchmarkExtractVault can be told from the cost of
// turning what they find into nodes and edges:
//
//	go test ./extract -run XXX -bench VaultUnits
func BenchmarkVaultUnits(b *testing.B) {
	type dateCall struct {
		text string
		ctx  dates.Context
	}
	type paperCall struct {
		text  string
		links []papers.Link
	}
	var dcalls []dateCall
	var pcalls []paperCall
	x := New()
	x.findDates = func(dst []dates.Date, s string, ctx *dates.Context) []dates.Date {
		dcalls = append(dcalls, dateCall{s, *ctx})
		return dates.AppendFind(dst, s, ctx)
	}
	x.scanPapers = func(s string, links []papers.Link) papers.Result {
		pcalls = append(pcalls, paperCall{s, links})
		return papers.Scan(s, links)
	}
	notes := benchVault(b)
	for _, n := range notes {
		x.Extract(n.path, n.src)
	}
	b.Run("dates", func(b *testing.B) {
		var buf []dates.Date
		found := 0
		for b.Loop() {
			found = 0
			for _, c := range dcalls {
				ctx := c.ctx
				buf = dates.AppendFind(buf[:0], c.text, &ctx)
				found += len(buf)
			}
		}
		b.ReportMetric(float64(len(dcalls)), "units")
		b.ReportMetric(float64(found), "dates")
	})
	b.Run("papers", func(b *testing.B) {
		found := 0
		for b.Loop() {
			found = 0
			for _, c := range pcalls {
				found += len(papers.Scan(c.text, c.links).Papers)
			}
		}
		b.ReportMetric(float64(len(pcalls)), "units")
		b.ReportMetric(float64(found), "papers")
	})
}
