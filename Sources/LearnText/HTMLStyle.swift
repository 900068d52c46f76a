/// The stylesheet of the HTML page, inline in its `<head>`: a readable column on screen, a handout on
/// paper (`@media print`: no backgrounds, no page break inside a figure, table or equation, figures
/// scaled to the page). It holds no `<` or `&`, so the page stays well-formed XML.
enum HTMLStyle {
    static let sheet = """
    :root { color-scheme: light; }
    html { font-size: 17px; }
    body { margin: 0; background: #fafaf8; color: #1b1b1b;
      font-family: "Source Serif 4", "Charter", "Georgia", "DejaVu Serif", serif; line-height: 1.55; }
    main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; background: #fff; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.4rem; }
    h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid #d8d8d8; }
    h3 { font-size: 1.12rem; margin: 1.6rem 0 0.4rem; }
    h4, h5, h6 { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
    p { margin: 0.6rem 0; }
    header .summary { font-style: italic; font-size: 1.08rem; margin-top: 0; }
    header .source, header .prerequisites { color: #555; font-size: 0.92rem; }
    a { color: #1f5fa8; }
    code, pre { font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: 0.86em; }
    code { background: #f3f3f1; padding: 0.05em 0.25em; border-radius: 3px; }
    pre { background: #f6f6f4; border: 1px solid #e4e4e0; border-radius: 4px; padding: 0.7rem 0.9rem;
      overflow-x: auto; line-height: 1.35; }
    pre code { background: none; padding: 0; font-size: 1em; }
    blockquote { margin: 0.8rem 0; padding: 0.1rem 1rem; border-left: 3px solid #c9c9c9; color: #333; }
    hr { border: none; border-top: 1px solid #ccc; margin: 1.6rem 0; }
    .number { font-variant-numeric: tabular-nums; white-space: nowrap; }
    math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", "DejaVu Math TeX Gyre", math; font-size: 1.08em; }
    math[display="block"] { margin: 0; }
    .display, .step { margin: 0.9rem 0; overflow-x: auto; overflow-y: hidden; }
    table.aligned { border-collapse: collapse; margin: 0.9rem auto; }
    table.aligned td { padding: 0.12rem 0; border: none; vertical-align: middle; }
    table.aligned td.lhs { text-align: right; white-space: nowrap; }
    table.aligned td.rel { text-align: center; padding: 0; }
    table.aligned td.rhs { text-align: left; }
    table.aligned td.continued { padding-left: 1.4rem; }
    .note { font-style: italic; color: #333; margin: -0.3rem 0 1rem 1.5rem; }
    mtable.aligned mtd:nth-child(odd) { text-align: right; padding-right: 0; }
    mtable.aligned mtd:nth-child(even) { text-align: left; padding-left: 0; }
    mtable.cases mtd { text-align: left; }
    div.table { overflow-x: auto; margin: 1rem 0; }
    div.table table { border-collapse: collapse; font-size: 0.93rem; }
    div.table.wide table { font-size: 0.8rem; }
    div.table.wide th, div.table.wide td { padding: 0.24rem 0.45rem; }
    .table-title { font-weight: bold; margin: 0 0 0.35rem; font-size: 0.93rem; }
    th, td { padding: 0.28rem 0.7rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; text-align: left; }
    th { border-bottom: 2px solid #999; font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.centre, th.centre { text-align: center; }
    th.slides, td.slides { color: #6a6a6a; font-style: italic; border-left: 2px dashed #b9b9b9; }
    .slides-mark { font-weight: normal; font-size: 0.85em; }
    .slides-value { color: #6a6a6a; font-style: italic; }
    figure { margin: 1.4rem 0; }
    figcaption { font-weight: bold; margin-bottom: 0.4rem; }
    figure svg { display: block; max-width: 100%; height: auto;
      font-family: "DejaVu Sans", "Helvetica Neue", "Arial", sans-serif; }
    figure.picture { display: inline-block; vertical-align: top; margin: 0.8rem 1.4rem 0.8rem 0; min-width: 12rem; }
    figure.picture figcaption { width: min-content; min-width: 100%; font-size: 0.9rem; }
    figure .key { font-size: 0.9rem; color: #444; margin: 0.3rem 0 0; }
    figure .key .grad { color: #b3263a; }
    figure .key .upd { color: #2e7d32; }
    .banner { border: 2px solid #c98a12; background: #fff7e3; border-radius: 6px; padding: 0.4rem 1rem; margin: 1rem 0; }
    .banner p { margin: 0.35rem 0; }
    .banner .change { white-space: nowrap; }
    ul.checks { list-style: none; padding: 0.3rem 0.8rem; margin: 0.6rem 0; font-size: 0.88rem;
      border-left: 3px solid #2e7d32; background: #f4faf4; }
    ul.checks li { margin: 0.15rem 0; }
    ul.checks li.pass .mark { color: #2e7d32; font-weight: bold; }
    ul.checks li.fail { color: #a01c2c; }
    ul.checks li.fail .mark { font-weight: bold; }
    ul.checks code { background: none; padding: 0; }
    .notice { font-style: italic; color: #555; border-left: 3px dotted #aaa; padding-left: 0.8rem; }
    .practice { border-left: 3px solid #9db7d8; padding-left: 0.9rem; }
    @media (max-width: 40rem) { html { font-size: 15px; } main { padding: 1rem 0.8rem 3rem; } }
    @media print {
      @page { margin: 15mm 14mm; }
      html { font-size: 10.5pt; }
      body, main { background: none; }
      main { max-width: none; margin: 0; padding: 0; }
      a { color: inherit; text-decoration: none; }
      h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      figure, table, .step, .display, ul.checks, .banner, pre, blockquote, .notice {
        break-inside: avoid; page-break-inside: avoid; }
      figcaption { break-after: avoid; page-break-after: avoid; }
      figure svg { width: 100%; max-width: 100%; height: auto; }
      figure.picture svg { width: auto; }
      .display, .step, div.table { overflow: visible; }
      div.table table { font-size: 9pt; }
      div.table.wide table { font-size: 8pt; }
      pre, code, ul.checks, .banner { background: none; }
      pre { border-color: #bbb; white-space: pre-wrap; }
      ul.checks { border-left-color: #777; }
      .banner { border-color: #777; }
      th.slides, td.slides { border-left-color: #999; }
    }

    """
}
