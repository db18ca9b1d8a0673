"""Files in and out, above the store: plan, results and officers imports (CSV/XLSX read with
openpyxl) and the CSV/XLSX exports."""
