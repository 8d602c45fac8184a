"""Staff screens: the teacher's classes and the counselor's records, over the core.

`TeacherPage` and `CounselorPage` are what the main window shows a signed-in teacher or
counselor/administrator. Tables are Qt item models (`models.py`); queries that can be slow at a
district's size run on the thread pool (`ui.ops`) with their own database connection.
"""
