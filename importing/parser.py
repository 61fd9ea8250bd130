"""Blocks of a document to an Extraction: what it says about an inspection and,
for a panel paper, the paper's own fields. Nothing is guessed: what could not be
read goes to Extraction.not_understood."""

from __future__ import annotations

import re

from importing import paper
from importing import words as w
from importing.blocks import HEADINGS, Block, blocks_of
from importing.errors import DocumentError
from importing.extraction import (
    Document,
    Extraction,
    FindingDraft,
    Found,
    QuestionDraft,
    SectionDraft,
)
from importing.metadata import read_metadata
from importing.prose import counted_topic, read_prose, split_names
from inspections.choices import FindingKind, Grade

FINDING_SECTIONS = {
    "strengths": FindingKind.STRENGTH,
    "areas": FindingKind.AREA_FOR_IMPROVEMENT,
    "recommendations": FindingKind.RECOMMENDATION,
    "concerns": FindingKind.CAUSE_OF_CONCERN,
}
PAPER_SECTIONS = {
    "narrative": "narrative",
    "rating": "rating",
    "strengths": "positives",
    "areas": "areas",
}
LIST_FIELDS = {"appendices": "appendices", "background_papers": "background_papers"}
LEAD_IN = re.compile(
    r"\b(areas? for improvement|strengths|recommendations|causes? of concern"
    r"|improvements noted|areas of good practice|principal findings)\b",
    re.IGNORECASE,
)
TRAILING = re.compile(r"(?:\s*[;,]\s*(?:and|or))?\s*[;.]?\s*$")


def parse_document(document: Document, *, strict: bool = True) -> Extraction:
    """The whole of a document's text; raises DocumentError if nothing in it is
    recognisably about an inspection or a panel paper (unless not `strict`:
    then what little was read, for the corpus's tests)."""
    extraction = _Reader(document).read()
    if strict and not extraction.found_anything:
        raise DocumentError(
            "No inspection was recognised in this document: no grades, strengths, "
            "areas for improvement or panel report fields. Check that it is an "
            "inspection report or a panel paper."
        )
    return extraction


class _Reader:
    def __init__(self, document: Document) -> None:
        self.blocks = blocks_of(document.lines)
        self.out = Extraction(format=document.format, pages=document.pages)
        self.section = ""
        self.section_level = 0
        self.paper_section: SectionDraft | None = None
        self.theme = ""
        self.question: int | None = None  # the question findings belong to
        self.question_level = 0
        self.items_seen = False
        self.list_run = 0
        self.list_grade = ""  # the grade a list's lead-in gave its items
        self.peel_page = any(w.PEEL_PAGE.search(b.text) for b in self.blocks[:40])
        self.areas_named = any(
            re.search(r"\bareas? for improvement\b", b.text, re.IGNORECASE)
            for b in self.blocks[:40]
        )

    # The walk -------------------------------------------------------------

    def read(self) -> Extraction:
        for index, block in enumerate(self.blocks):
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if block.kind == "heading":
                self.heading(block)
            elif block.kind == "row":
                self.row(block)
            else:
                self.text(block, following)
        read_prose(self.blocks, self.out)
        read_metadata(self.blocks, self.out)
        self.finish()
        return self.out

    def heading(self, block: Block) -> None:
        level = len(block.line.text) - len(block.line.text.lstrip("#"))
        if block.text.rstrip().endswith("?") or w.QUESTION_GRADE.match(block.text):
            if self.graded_question(block):
                self.start_section("", level, block)
                self.question_level = level
                return
        if not block.heading and self.section in FINDING_SECTIONS:
            if not self.section_level or level > self.section_level:
                self.theme = w.unshout(block.text)
                return
        if block.heading not in FINDING_SECTIONS or (
            level and self.question_level and level <= self.question_level
        ):
            self.question = None
        self.start_section(block.heading or "narrative", level, block)

    def start_section(self, section: str, level: int, block: Block) -> None:
        self.section, self.section_level = section, level
        self.theme, self.items_seen, self.list_run = "", False, 0
        self.paper_section = None
        if kind := PAPER_SECTIONS.get(section):
            self.paper_section = SectionDraft(
                heading=w.unshout(block.text), kind=kind, where=block.where
            )
            self.out.panel.sections.append(self.paper_section)

    def row(self, block: Block) -> None:
        cells = [w.unshout(cell) if cell else cell for cell in block.cells]
        filled = [cell for cell in cells if cell]
        if len(filled) < 2:
            return
        label, value = filled[0].rstrip(" :").strip(), " ".join(filled[1:])
        key = label.lower()
        if self.section == "implications" or any(
            key.startswith(start) for start, _ in paper.IMPLICATIONS
        ):
            if paper.implication(
                self.out.panel, key, block.cells[-1].strip() or value, block.where
            ):
                return
        if key in paper.HEADER_LABELS and self.section in ("", "narrative"):
            self.header(paper.HEADER_LABELS[key], value, block)
            return
        if grade := w.grade_of(filled[-1]):
            self.grade_pair(" ".join(filled[:-1]), grade, block)
            return
        if self.section in ("implications", "rating") or key in paper.HEADER_LABELS:
            self.not_understood(f"Table row not understood: “{block.text}”", block)

    def text(self, block: Block, following: Block | None) -> None:
        text = block.text
        if self.graded_question(block):
            return
        if not block.joined and (match := w.GRADE_LINE.match(text)):
            self.grade_pair(match.group("q"), w.grade_of(match.group("g")), block)
            return
        if (
            block.kind == "para"
            and self.question is not None
            and not self.out.questions[self.question].grade
            and (grade := w.grade_of(text))
        ):  # "How effective is … ?" and, on a line of its own, "Outstanding"
            question = self.out.questions[self.question]
            question.grade, question.grade_where = grade, block.where
            return
        if block.kind == "item" and self.list_grade:
            self.grade_pair(text.rstrip(" .;"), self.list_grade, block)
            return
        self.list_grade = ""
        if block.kind == "para" and (match := w.GRADED_LIST.search(text)):
            self.list_grade = w.grade_of(match.group("g"))
            return
        if block.kind == "item" and (match := w.ITEM_GRADE.match(text)):
            grade = w.grade_of(match.group("g"))
            for name in split_names(match.group("q"), None):
                self.grade_pair(name[:1].upper() + name[1:], grade, block)
            return
        if self.section in ("", "narrative") and (
            match := re.match(r"^([A-Za-z ]{3,20}?)\s*:\s+(.+)$", text)
        ):
            if (key := match.group(1).strip().lower()) in paper.HEADER_LABELS:
                self.header(paper.HEADER_LABELS[key], w.unshout(match.group(2)), block)
                return
        if block.kind == "para" or self.section not in FINDING_SECTIONS:
            self.prose_grades(block)
        if block.kind == "para" and self.lead_in(block):
            return
        if block.kind == "para" and self.section not in FINDING_SECTIONS:
            self.quoted_findings(block)
        if self.section in FINDING_SECTIONS or self.section in (
            "recommendation",
            "principal",
        ):
            if self.finding_text(block, following):
                return
        elif block.number and w.NUMBERED_AREA.match(text) and self.areas_named:
            self.out.findings.append(
                FindingDraft(
                    kind=FindingKind.AREA_FOR_IMPROVEMENT.value,
                    text=TRAILING.sub("", text).strip(),
                    where=block.where,
                    number=block.number,
                )
            )
            return
        if self.section == "purpose":
            paper.append(self.out.panel, "purpose", text, block.where)
        elif self.section in LIST_FIELDS:
            paper.append(
                self.out.panel, LIST_FIELDS[self.section], text, block.where, "\n"
            )
        elif self.section == "contact":
            paper.contact(self.out.panel, text, block.where)
        elif self.section == "implications":
            if match := re.match(r"^([^:]{3,40}):\s*(.+)$", text):
                if paper.implication(
                    self.out.panel,
                    match.group(1).strip().lower(),
                    match.group(2),
                    block.where,
                ):
                    return
            self.not_understood(f"Not understood under Implications: “{text}”", block)
        else:
            self.paper_text(block)

    # Findings ---------------------------------------------------------------

    def lead_in(self, block: Block) -> bool:
        """ "Inspectors identified two areas for improvement:" opens a list as a
        heading would."""
        if not block.text.endswith(":") or self.section in FINDING_SECTIONS:
            return False
        match = LEAD_IN.search(block.text)
        if not match:
            return False
        self.section = HEADINGS[match.group(1).lower()]
        self.theme, self.items_seen, self.list_run = "", False, 0
        self.paper_text(block)
        return True

    def finding_text(self, block: Block, following: Block | None) -> bool:
        section = self.section
        if section == "principal":
            return self.principal_finding(block)
        if section == "recommendation":
            if self.out.is_panel_paper and (
                w.PANEL_ASKED.search(block.text) or block.number
            ):
                paper.append(self.out.panel, "recommendation", block.text, block.where)
                return True
            section = "recommendations"
        if self.is_theme(block, following):
            self.theme = w.unshout(block.text)
            return True
        is_item = block.kind == "item" or self.is_list_number(block)
        if not is_item and block.number is None and not block.text.endswith(":"):
            if section == "concerns":  # a cause of concern is stated in prose
                is_item = not self.items_seen
            elif section != "strengths":
                is_item = bool(w.SHOULD.search(block.text))
        if not is_item:
            if block.kind == "para":
                self.quoted_findings(block)
            if not self.paper_text(block) and self.items_seen:
                self.start_section("", 0, block)  # prose again: the list has ended
            return True
        self.items_seen = True
        text = TRAILING.sub("", block.text).strip()
        self.out.findings.append(
            FindingDraft(
                kind=FINDING_SECTIONS[section].value,
                text=text,
                where=block.where,
                theme=self.theme,
                question=self.question,
            )
        )
        return True

    def principal_finding(self, block: Block) -> bool:
        """ "My principal findings … are as follows:" lists what the inspector
        found, good and bad, under no kind: an item in words of praise only is
        read as a strength, for the person to check; any other is left to them."""
        if block.kind != "item":
            self.start_section("", 0, block)
            return False
        text = TRAILING.sub("", block.text).strip()
        if w.NOT_PLAINLY_GOOD.search(text):
            self.not_understood(
                f"A principal finding that is not plainly a strength: "
                f"“{w.shortened(text, 90)}”. Add it by hand, with its kind.",
                block,
            )
            return True
        if not self.items_seen:
            self.not_understood(
                "The inspector's principal findings are read as strengths, as "
                "their words are praise: check each one's kind.",
                block,
            )
        self.items_seen = True
        self.out.findings.append(
            FindingDraft(kind=FindingKind.STRENGTH.value, text=text, where=block.where)
        )
        return True

    def quoted_findings(self, block: Block) -> None:
        if counted := w.COUNTED_FINDINGS.search(block.text):
            kind = HEADINGS[" ".join(counted.group("kind").lower().split())]
            for match in w.ORDINAL_FINDING.finditer(block.text, counted.end()):
                text = match.group("text").strip()
                self.out.findings.append(
                    FindingDraft(
                        kind=FINDING_SECTIONS[kind].value,
                        text=text[:1].upper() + text[1:],
                        where=block.where,
                    )
                )
        for match in w.QUOTED_FINDING.finditer(block.text):
            text = match.group("text").strip()
            if not w.SHOULD.search(text):
                continue  # a finding states what should be done
            kind = HEADINGS[" ".join(match.group("kind").lower().split())]
            kind = "recommendations" if kind == "recommendation" else kind
            self.out.findings.append(
                FindingDraft(
                    kind=FINDING_SECTIONS[kind].value,
                    text=text[:1].upper() + text[1:],
                    where=block.where,
                )
            )

    def is_theme(self, block: Block, following: Block | None) -> bool:
        return (
            block.kind == "para"
            and block.number is None
            and not block.joined
            and len(block.text.split()) <= 10
            and block.text[:1].isupper()
            and not block.ends_sentence
            and following is not None
            and following.kind == "item"
        )

    def is_list_number(self, block: Block) -> bool:
        """A numbered list restarts at 1 in its section; numbered paragraphs of a
        paper run on through the document."""
        if block.number is None:
            return False
        if block.number == self.list_run + 1 and (self.list_run or block.number == 1):
            self.list_run = block.number
            return True
        return False

    # Grades -----------------------------------------------------------------

    def graded_question(self, block: Block) -> bool:
        text = block.text
        match = w.QUESTION_GRADE.match(text)
        if match and (grade := w.grade_of(match.group("g"))):
            self.grade_pair(match.group("q"), grade, block)
            return True
        if match and text.rstrip().endswith("?") is False:
            self.not_understood(
                f"Grade not recognised: “{match.group('g').strip()}” for "
                f"“{w.shortened(match.group('q'), 90)}”",
                block,
            )
            self.add_question(match.group("q"), "", block)
            return True
        if text.endswith("?") and text.lower().startswith(("how ", "to what extent")):
            self.add_question(text, "", block)
            return True
        if self.section == "rating" or block.kind == "heading":
            match = w.LABEL_GRADE.match(text)
            if match and (grade := w.grade_of(match.group("g"))):
                self.grade_pair(match.group("q"), grade, block)
                return True
        return False

    def grade_pair(self, label: str, grade: str, block: Block) -> None:
        label = label.strip(" :|–—-")
        if re.match(r"^overall\b", label, re.IGNORECASE) or not label:
            self.set_field("overall_grade", grade, block)
        else:
            self.add_question(label, grade, block)

    def add_question(self, wording: str, grade: str, block: Block) -> None:
        wording = wording.strip()
        questions = self.out.questions
        key = QuestionDraft(wording=wording, where="").key
        index = next(
            (i for i, q in enumerate(questions) if q.key == key),
            None,
        )
        if index is None:
            questions.append(QuestionDraft(wording=wording, where=block.where))
            index = len(questions) - 1
        elif wording.endswith("?") and not questions[index].wording.endswith("?"):
            questions[index].wording = wording  # the question as the report asks it
        if grade and not questions[index].grade:
            questions[index].grade, questions[index].grade_where = grade, block.where
        if block.kind == "heading" or (block.text == wording and "?" in wording[-1:]):
            self.question = index  # a question standing alone heads what follows

    def prose_grades(self, block: Block) -> None:
        overall = (0, 0)  # where the overall grade was read: not a question's
        for pattern in w.OVERALL:
            if match := pattern.search(block.text):
                sentence = re.split(r"[.!?]\s", block.text[: match.start()])[-1]
                if w.EARLIER.search(sentence[-80:]):
                    continue  # an earlier inspection's grade, quoted
                self.set_field("overall_grade", w.grade_of(match.group("g")), block)
                overall = match.span()
                break
        quoted = block.text.startswith(("“", '"'))  # someone's words, not a grade
        plain = self.peel_page and not quoted
        patterns = w.PROSE_GRADE + (w.PLAIN_PROSE_GRADE if plain else [])
        matches = [
            m
            for pattern in patterns
            for m in pattern.finditer(block.text)
            if m.end() <= overall[0] or m.start() >= overall[1]
        ]
        if overall != (0, 0) and not matches:
            return
        current = self.question is not None and self.out.questions[self.question]
        if current and w.PILLAR_QUESTION.match(current.wording):
            current = False  # the page's own question: its topics are graded apart
        for match in sorted(matches, key=lambda m: m.start()):
            grade = w.grade_of(match.group("g") or match.groupdict().get("q") or "")
            if current:  # the question this part of the report is about
                if not current.grade:
                    current.grade, current.grade_where = grade, block.where
                return
            topic = match.group("topic").strip()
            if counted_topic(topic) or w.WHEN_NOT_WHAT.match(topic):
                continue  # "'good' in two areas", "in its 2018/19 assessment"
            if self.section == "observations" and match.re in w.PLAIN_PROSE_GRADE:
                if not QuestionDraft(wording=topic, where="").is_peel_question:
                    continue  # the inspector's praise, in his own words
            if w.PILLAR_TOPIC.match(topic) and block.kind == "para":
                self.set_field("overall_grade", grade, block)
                continue
            for name in w.peel_questions(topic):
                self.add_question(name[:1].upper() + name[1:], grade, block)
            if match.re is w.SUBJECT_TOPIC:
                return

    def unnamed_counts(self) -> None:
        """ "'adequate' in five areas": counts the text gives but does not
        name are said, not made up into questions."""
        out = self.out
        for grade, count in out.grade_counts.items():
            named = sum(1 for q in out.questions if q.grade == grade)
            if count > named:
                label = Grade(grade).label.lower()
                said = (
                    f"The document says {count} area{'s' if count != 1 else ''} "
                    f"{'were' if count != 1 else 'was'} graded {label}"
                )
                if named:  # perhaps not among them: a pillar, or last year's
                    said += (
                        f" but names only {named} graded {label}: add those it "
                        "does not name by hand, from the report."
                    )
                else:
                    said += (
                        " but does not name them: add them by hand, from the report."
                    )
                out.not_understood.append(Found(said, out.grade_counts_where))

    def pillar_question(self) -> None:
        """ "How effective is the force at keeping people safe and reducing
        crime? Inadequate": the grade of the pillar the page is about, so its
        overall grade (it outranks what prose says of last year's)."""
        for index, question in enumerate(self.out.questions):
            if w.PILLAR_QUESTION.match(question.wording) and question.grade:
                self.out.fields["overall_grade"] = Found(
                    question.grade, question.grade_where or question.where
                )
                del self.out.questions[index]
                for finding in self.out.findings:
                    if finding.question is not None and finding.question >= index:
                        finding.question = (
                            None if finding.question == index else finding.question - 1
                        )
                return

    # Panel papers -----------------------------------------------------------

    def header(self, name: str, value: str, block: Block) -> None:
        if not paper.header(self.out.panel, name, value, block.where):
            self.not_understood(f"Meeting date not understood: “{value}”", block)

    def paper_text(self, block: Block) -> bool:
        """Text of a paper's section: before its list, or after it."""
        section = self.paper_section
        if section is None:
            return False
        target = section.text_after if self.items_seen else section.text
        text = f"- {block.text}" if block.kind == "item" else block.text
        if target and (
            block.number is None and self.numbered_paper or block.kind == "item"
        ):
            target[-1] = f"{target[-1]}\n{text}"
        else:
            target.append(text)
        return True

    @property
    def numbered_paper(self) -> bool:
        return any(b.number and b.number > 3 for b in self.blocks[:200])

    # Fields -----------------------------------------------------------------

    def set_field(self, name: str, value: object, block: Block) -> None:
        self.out.fields.setdefault(name, Found(value, block.where))

    def not_understood(self, message: str, block: Block | None = None) -> None:
        self.out.not_understood.append(Found(message, block.where if block else ""))

    def finish(self) -> None:
        out = self.out
        self.pillar_question()
        self.unnamed_counts()
        if not out.is_panel_paper:
            out.panel.fields, out.panel.sections = {}, []
        inspection_found = (
            out.questions or out.findings or "overall_grade" in out.fields
        )
        if inspection_found:
            for name, label in (
                ("force", "Force"),
                ("publication_date", "Publication date"),
                ("pillar", "Pillar"),
                ("overall_grade", "Overall grade"),
            ):
                if name not in out.fields:
                    out.not_understood.append(
                        Found(f"{label}: not found in the document", "")
                    )
        for question in out.questions:
            if not question.grade:
                out.not_understood.append(
                    Found(
                        f"No grade found for “{w.shortened(question.wording, 90)}”",
                        question.where,
                    )
                )
        if out.is_panel_paper:
            for name, label in (
                ("meeting_date", "Meeting date"),
                ("subject", "Subject"),
                ("author", "Author"),
            ):
                if name not in out.panel.fields:
                    out.not_understood.append(
                        Found(f"Panel paper {label.lower()}: not found", "")
                    )
