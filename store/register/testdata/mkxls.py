#!/usr/bin/python3
# Writes register.xls, a small Excel 97-2003 register (BIFF8) for the
# .xls reader's test: a header, a date cell, a TCVN3 name, a number.
# Needs python3-xlwt (Debian). Run from this folder: /usr/bin/python3 mkxls.py
import datetime
import xlwt

wb = xlwt.Workbook(encoding="utf-8")
ws = wb.add_sheet("Sổ tiếp")
for j, h in enumerate(["STT", "Ngày tiếp", "Họ và tên", "Năm sinh", "Nội dung"]):
    ws.write(0, j, h)
date = xlwt.easyxf(num_format_str="dd/mm/yyyy")
ws.write(1, 0, 1)
ws.write(1, 1, datetime.date(2018, 11, 20), date)
ws.write(1, 2, "NguyÔn V\u00a8n An")
ws.write(1, 3, 1990)
ws.write(1, 4, "Nợ lương")
ws.write(2, 0, 2)
ws.write(2, 1, "21/11/2018")
ws.write(2, 2, "Lª ThÞ Hoa")
ws.write(2, 3, 1987)
ws.write(2, 4, "Hỏi về BHXH")
wb.save("register.xls")
