"""Curation: the database as the live directory after the first load.

- `records`: one record (entry texts in a language, entry facts, kita texts, a page, a topic) read and written
  in the YAML form the loader reads, so revisions, export and load conflicts compare like with like.
- `operations`: edit verbs with an explicit session (`edit_entry_text`, `edit_entry_facts`, `edit_kita_text`,
  `edit_page`, `edit_topic`, `create_entry`, `mark_reviewed`, `restore_revision`); each keeps a revision, marks
  the record as changed in the browser and moves the directory version. The adapter commits.
- `load`: `directory load` that reports browser edits as conflicts and keeps them (unless files are preferred).
- `feedback`: parents' anonymous feedback; `due`: what needs care.
"""
