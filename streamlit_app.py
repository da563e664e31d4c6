"""Entry point: ``streamlit run streamlit_app.py``. All logic lives in the ``dashboard`` package."""

from dashboard.app.main import main

main()
