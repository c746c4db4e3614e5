"""Small web pages, Word and OpenDocument files made in the tests (no binary fixtures).

``web_page`` writes a page as a browser saves it: navigation, a script, a style sheet, a
cookie notice and a footer around the article. ``word_document`` and ``odt_document`` write a
heading, paragraphs, a bulleted list and a table with python-docx and odfpy, plus what the
readers must leave out (running headers and footers, footnotes, comments, deleted text).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

#: What the readers must not return: boilerplate, markup and code.
BOILERPLATE = ("Hjem", "Personvern", "informasjonskapsler", "doctype", "charset", "gtag", "{")


def web_page(
    paragraphs: Sequence[str],
    *,
    title: str = "Selvhjelp i folkehelsearbeidet",
    charset: str = "utf-8",
    xhtml: bool = False,
) -> str:
    """A whole saved page around ``paragraphs`` (the article), as text."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    head = (
        '<?xml version="1.0" encoding="{charset}"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="nb">\n'
        if xhtml
        else '<!DOCTYPE html>\n<html lang="nb">\n'
    ).format(charset=charset)
    return (
        head + f'<head><meta charset="{charset}"/><title>{title} - regjeringen.no</title>\n'
        "<style>body { font-family: sans-serif; }</style>\n"
        "<script>window.dataLayer = []; function gtag(){dataLayer.push(arguments);}</script>\n"
        "</head>\n<body>\n"
        '<nav><ul><li><a href="/">Hjem</a></li><li><a href="/tema">Tema</a></li>'
        '<li><a href="/dep">Departementene</a></li></ul></nav>\n'
        '<div class="cookie">Vi bruker informasjonskapsler. <a href="/ok">Godta</a></div>\n'
        f"<main><article><h1>{title}</h1>\n{body}\n"
        "<ul><li>Selvhjelpsgrupper i kommunene</li><li>Likemannsarbeid</li></ul>\n"
        "<table><tr><td>År</td><td>Grupper</td></tr><tr><td>2003</td><td>120</td></tr></table>\n"
        "</article></main>\n"
        '<footer><a href="/personvern">Personvern</a> | <a href="/kontakt">Kontakt</a>'
        "</footer>\n</body>\n</html>\n"
    )


def word_document(
    paragraphs: Sequence[str],
    *,
    title: str = "Selvhjelp i folkehelsearbeidet",
    core_title: str = "",
    tracked: bool = False,
    footnote: bool = False,
) -> bytes:
    """A .docx with a heading, ``paragraphs``, a list, a table and a running header/footer;
    ``tracked`` adds an inserted and a deleted word, ``footnote`` a footnote reference."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    if core_title:
        document.core_properties.title = core_title
    section = document.sections[0]
    section.header.paragraphs[0].text = "Regjeringen.no Side 1"
    section.footer.paragraphs[0].text = "Personvern Kontakt"
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_paragraph("Selvhjelpsgrupper i kommunene", style="List Bullet")
    document.add_paragraph("Likemannsarbeid", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "År", (0, 1): "Grupper", (1, 0): "2003", (1, 1): "120"}.items():
        table.cell(r, c).text = text
    last = document.add_paragraph("Arbeidet fortsetter")
    if tracked:
        last._p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">'
                "<w:r><w:t xml:space='preserve'> i kommunene</w:t></w:r></w:ins>"
            )
        )
        last._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z">'
                "<w:r><w:delText xml:space='preserve'> i fylkene</w:delText></w:r></w:del>"
            )
        )
    if footnote:
        last._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                '<w:footnoteReference w:id="1"/></w:r>'
            )
        )
    last.add_run(".")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_document(
    paragraphs: Sequence[str],
    *,
    title: str = "Selvhjelp i folkehelsearbeidet",
    core_title: str = "",
    note: bool = False,
    tracked: bool = False,
) -> bytes:
    """An .odt with a heading, ``paragraphs`` (a double space and a tab kept as text:s and
    text:tab), a list and a table; ``note`` adds a footnote and a comment, ``tracked`` a
    tracked deletion."""
    from odf import dc, office, table, text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    if core_title:
        document.meta.addElement(dc.Title(text=core_title))
    document.text.addElement(text.H(outlinelevel=1, text=title))
    if tracked:
        changes = text.TrackedChanges()
        region = text.ChangedRegion(check_grammar=False)
        region.setAttrNS("http://www.w3.org/XML/1998/namespace", "id", "ct1")
        deletion = text.Deletion(check_grammar=False)
        deletion.addElement(text.P(text="Slettet tekst om fylkene"))
        region.addElement(deletion)
        changes.addElement(region)
        document.text.addElement(changes)
    for i, content in enumerate(paragraphs):
        p = text.P(text=content)
        if i == 0:
            p.addElement(text.S(c=2))
            p.addText("og")
            p.addElement(text.Tab())
            p.addText("mer.")
        if note and i == 0:
            footnote = text.Note(noteclass="footnote", id="n1")
            footnote.addElement(text.NoteCitation(text="1"))
            body = text.NoteBody()
            body.addElement(text.P(text="Fotnote om kilden."))
            footnote.addElement(body)
            p.addElement(footnote)
            comment = office.Annotation()
            comment.addElement(text.P(text="Kommentar fra leseren."))
            p.addElement(comment)
        document.text.addElement(p)
    items = text.List()
    for content in ("Selvhjelpsgrupper i kommunene", "Likemannsarbeid"):
        item = text.ListItem()
        item.addElement(text.P(text=content))
        items.addElement(item)
    document.text.addElement(items)
    grid = table.Table(name="Tabell1")
    grid.addElement(table.TableColumn(numbercolumnsrepeated=2))
    for row_cells in (("År", "Grupper"), ("2003", "120")):
        row = table.TableRow()
        for content in row_cells:
            cell = table.TableCell()
            cell.addElement(text.P(text=content))
            row.addElement(cell)
        grid.addElement(row)
    document.text.addElement(grid)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def zip_archive(files: dict[str, bytes | str]) -> bytes:
    """A ZIP archive holding ``files`` (name -> content), e.g. a package of another type."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()
