"""Plans in Excel: the workbook layout (from the model), reading and writing workbooks."""
