"""The explorer: one self-contained HTML page (``results/explorer.html``) to look up any counted
term, concept, target or actor across the periods, down to its keyword-in-context lines.

:mod:`ordskifte.explorer.build` turns the workflow's tables into the page's data and writes the
page; :mod:`ordskifte.explorer.steps` is the function of file paths the rule script calls. The
page itself (markup, style and script) is the package file ``page.html``.
"""
