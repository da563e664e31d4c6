"""The Streamlit pages. Only this package (and ``dashboard.app``) imports Streamlit."""
