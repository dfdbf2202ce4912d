#!/usr/bin/env python3
"""Regenerates the reader fixtures in Fixtures/ from the sample reports in samples/reports/.

Run deliberately, from the repository root: python3 tests/Gongkai.Domain.Tests/AnnualReports/Parsing/make_fixtures.py
Needs LibreOffice (soffice) and fonts-noto-cjk for the DOCX, DOC and PDF files. The HTML pages are written the way
Chinese government sites publish reports: a saved whole page with navigation, a layout table around the article,
a metadata table, Word-exported spans, and the three statistics tables in the national layout (国办公开办函〔2021〕30号).
"""
import glob
import html
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.getcwd()
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Fixtures")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def sample(prefix):
    [path] = glob.glob(os.path.join(ROOT, "samples", "reports", prefix + "_*.txt"))
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\r\n", "\n")


def parse(text):
    """Splits a sample into its title, blocks of paragraphs and the three tables (lists of tab-split rows)."""
    blocks, table = [], None
    for line in text.split("\n"):
        if "\t" in line:
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(line.split("\t"))
            continue
        table = None
        if line.strip():
            blocks.append(("p", line.strip()))
    title = blocks.pop(0)[1]
    return title, blocks


def esc(s):
    return html.escape(s, quote=False)


# Web pages keep Word's 仿宋 16pt spans; the Word/PDF version is typeset smaller so the tables fit the page.
SPAN_STYLE = ["font-family:仿宋_GB2312;font-size:16pt"]


def span(text):
    return '<span style="%s">%s</span>' % (SPAN_STYLE[0], esc(text))


def cell(text, rowspan=1, colspan=1, head=False):
    attrs = ""
    if rowspan > 1:
        attrs += ' rowspan="%d"' % rowspan
    if colspan > 1:
        attrs += ' colspan="%d"' % colspan
    inner = "<br />".join(span(part) for part in text.split("\n"))
    if head:
        inner = "<strong>%s</strong>" % inner
    return '<td%s valign="middle"><p align="center">%s</p></td>' % (attrs, inner)


def table(rows, border):
    out = ['<table border="%d" cellspacing="0" cellpadding="0" width="100%%" style="border-collapse:collapse">' % border, "<tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(row) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def table2(rows, border):
    """Table 二: one 4-column table; block headers span the width, single values span the three value columns."""
    out = []
    for raw in rows:
        texts = [t for t in raw if t.strip()]
        if len(texts) == 1:
            out.append([cell(texts[0], colspan=4, head=True)])
        else:
            cells = [cell(t, head=(texts[0] == "信息内容")) for t in texts[:-1]]
            cells.append(cell(texts[-1], colspan=4 - (len(texts) - 1), head=(texts[0] == "信息内容")))
            out.append(cells)
    return table(out, border)


def table3(rows, border):
    """Table 三 in the national layout: 10 grid columns, 28 grid rows."""
    labels = [[t.strip() for t in raw if t.strip() and not NUMBER.match(t.strip())] for raw in rows]
    numbers = [[t.strip() for t in raw if NUMBER.match(t.strip())] for raw in rows]
    head = labels[0] + labels[1] + labels[2]
    note, applicants, natural, legal = head[0], head[1], head[3], head[4]
    total = head[2]
    kinds = labels[2]
    out = [
        [cell(note, rowspan=3, colspan=3), cell(applicants, colspan=7, head=True)],
        [cell(natural, rowspan=2, head=True), cell(legal, colspan=5, head=True), cell(total, rowspan=2, head=True)],
        [cell(k, head=True) for k in kinds],
    ]
    # (first label span, group rowspans) for grid rows 4..28, following the national template.
    group_at = {5: ("三", 22), 7: ("（三）", 8), 15: ("（四）", 3), 18: ("（五）", 5), 23: ("（六）", 3)}
    for i in range(3, 28):
        row_labels, values = labels[i], numbers[i][-7:]
        assert len(values) == 7, (i, rows[i])
        cells = []
        if i in (3, 4, 27):
            cells.append(cell(row_labels[0], colspan=3))
        elif i in (5, 6, 26):
            if i == 5:
                cells.append(cell(row_labels.pop(0), rowspan=22))
            cells.append(cell(row_labels[0], colspan=2))
        else:
            if i in group_at:
                cells.append(cell(row_labels.pop(0), rowspan=group_at[i][1]))
            cells.append(cell(row_labels[0]))
        out.append(cells + [cell(v) for v in values])
    return table(out, border)


def table4(rows, border):
    """Table 四: 15 columns, a 3-row header and one row of numbers."""
    labels = [[t.strip() for t in raw if t.strip()] for raw in rows]
    split = lambda t: t.replace(" ", "\n")
    first, second, third, values = labels
    out = [
        [cell(first[0], colspan=5, head=True), cell(first[1], colspan=10, head=True)],
        [cell(split(t), rowspan=2) for t in second[:5]] + [cell(t, colspan=5, head=True) for t in second[5:]],
        [cell(split(t)) for t in third],
        [cell(v) for v in values],
    ]
    return table(out, border)


SECTION = re.compile(r"^[一二三四五六]、")
SUBHEAD = re.compile(r"^(（[一二三四五六七八九十]）|\([一二三四五六七八九十]\)|\d\.)")


def article(blocks, border=1):
    out, tables = [], [table2, table3, table4]
    for kind, value in blocks:
        if kind == "table":
            out.append(tables.pop(0)(value, border))
        elif SECTION.match(value) or (SUBHEAD.match(value) and len(value) < 40):
            out.append('<p style="text-indent:2em"><strong>%s</strong></p>' % span(value))
        else:
            out.append('<p style="text-indent:2em;line-height:1.75">%s</p>' % span(value))
    return "\n".join(out)


def page(title, blocks, agency, charset, published, index):
    """A whole page as a browser saves it: head, nav, breadcrumb, layout table, metadata table, article, footer."""
    short = title.replace(" ", "")
    return """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{short}-{agency}</title>
<meta name="ArticleTitle" content="{short}" />
<meta name="PubDate" content="{published}" />
<link rel="stylesheet" type="text/css" href="../../images/common.css" />
<style type="text/css">
.layout td {{ vertical-align: top; }}
.TRS_Editor p {{ margin: 0; font-size: 16pt; }}
</style>
<script type="text/javascript" src="../../js/jquery.min.js"></script>
<script type="text/javascript">
var _hmt = _hmt || []; document.write("<table><tr><td>统计</td></tr></table>".substring(0, 0));
</script>
</head>
<body>
<div class="top">
  <div class="logo"><img src="../../images/logo.png" alt="{agency}" /></div>
  <div class="search"><form action="/search" method="get"><input type="text" name="q" value="请输入关键字" /><button type="submit">搜索</button></form></div>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/jggk/">机构概况</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
  </ul>
</div>
<div class="position">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a>&nbsp;&gt;&nbsp;<a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<table class="layout" width="1000" border="0" cellspacing="0" cellpadding="0" align="center">
  <tr>
    <td width="20"></td>
    <td>
      <h1 class="title">{title}</h1>
      <div class="share" style="display:none">分享到：微信 微博</div>
      <table class="xxgk-info" width="100%" border="1" cellspacing="0" cellpadding="0">
        <tr><th>索引号</th><td>{index}</td><th>主题分类</th><td>政务公开</td></tr>
        <tr><th>发布机构</th><td>{agency}</td><th>发布日期</th><td>{published}</td></tr>
      </table>
      <div class="TRS_Editor">
{article}
      </div>
      <div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
    </td>
    <td width="20"></td>
  </tr>
</table>
<div class="footer">
  <p>主办：{agency}&nbsp;&nbsp;&nbsp;&nbsp;版权所有<br />网站标识码：4102000031&nbsp;&nbsp;豫ICP备05012335号</p>
  <script type="text/javascript">document.write('<span id="_ideConac">党政机关</span>');</script>
  <noscript>您的浏览器不支持脚本</noscript>
</div>
</body>
</html>
""".format(charset=charset, short=esc(short), agency=esc(agency), title=esc(title), published=published,
           index=index, article=article(blocks))


def document(title, blocks):
    """The report alone, as it is typed in Word: what LibreOffice turns into the DOCX and PDF fixtures."""
    SPAN_STYLE[0] = "font-family:Noto Sans CJK SC;font-size:9pt"
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8" /><title>{t}</title>
<style>td {{ border: 1px solid #000; padding: 2pt; }} table {{ border-collapse: collapse; }}
body {{ font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC'; font-size: 10.5pt; }}</style></head>
<body><h1 style="text-align:center">{t}</h1>
{a}
</body></html>
""".format(t=esc(title), a=article(blocks))


def write(name, data):
    path = os.path.join(OUT, name)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": "\n"})) as f:
        f.write(data)
    return path


def soffice(source, target_ext, filter_name, out_name):
    with tempfile.TemporaryDirectory() as work:
        src = os.path.join(work, os.path.basename(source))
        shutil.copy(source, src)
        profile = "file://" + os.path.join(work, "profile")
        subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--infilter=HTML (StarWriter)",
                        "--convert-to", target_ext + ":" + filter_name, "--outdir", work, src],
                       check=True, stdout=subprocess.DEVNULL)
        produced = os.path.splitext(src)[0] + "." + target_ext
        shutil.copy(produced, os.path.join(OUT, out_name))


def blank_pdf():
    """A one-page PDF without any text, as a scanner produces when it stores only an image."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length 0 >>\nstream\n\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)

    title1, blocks1 = parse(sample("001"))
    write("report-001.html", page(title1, blocks1, "开封市政务服务和大数据管理局", "utf-8", "2024-01-18",
                                     "11410200MB1763219K/2024-00012"))

    # Cut off inside table 三, right after the label of the 不予公开 group, as an interrupted download would.
    full = open(os.path.join(OUT, "report-001.html"), encoding="utf-8").read()
    cut = full.index("不予公开")
    write("report-001-truncated.html", full[:cut + len("不予公开")])

    title2, blocks2 = parse(sample("002"))
    first_table = next(i for i, b in enumerate(blocks2) if b[0] == "table")
    short_blocks = blocks2[:3] + blocks2[first_table - 1:first_table + 1]
    gbk = page(title2, short_blocks, "延津县人民政府办公室", "gb2312", "2024-01-25", "114107260058823311/2024-00003")
    write("report-002-gbk.html", gbk.encode("gbk"))

    title4, blocks4 = parse(sample("004"))
    with tempfile.TemporaryDirectory() as work:
        doc4 = os.path.join(work, "report-004.html")
        with open(doc4, "w", encoding="utf-8") as f:
            f.write(document(title4, blocks4))
        soffice(doc4, "docx", "MS Word 2007 XML", "report-004.docx")

        doc1 = os.path.join(work, "report-001.html")
        with open(doc1, "w", encoding="utf-8") as f:
            f.write(document(title1, blocks1))
        soffice(doc1, "pdf", "writer_pdf_Export", "report-001.pdf")

        old = os.path.join(work, "old-word.html")
        with open(old, "w", encoding="utf-8") as f:
            f.write(document(title2, blocks2[:3]))
        soffice(old, "doc", "MS Word 97", "old-word.doc")

    write("scanned-blank.pdf", blank_pdf())
    write("empty.txt", b"")
    write("whitespace.txt", " \r\n\t\u3000\r\n".encode("utf-8"))
    rng = random.Random(20240118)
    write("binary.dat", bytes(rng.randrange(256) for _ in range(2048)))
    write("not-a-docx.docx", "这不是 Word 文档，只是改了扩展名的文本。\n".encode("utf-8"))

    for name in sorted(os.listdir(OUT)):
        size = os.path.getsize(os.path.join(OUT, name))
        print("%-28s %7d" % (name, size))
        if size > 200 * 1024:
            sys.exit("fixture too large: " + name)


if __name__ == "__main__":
    main()
