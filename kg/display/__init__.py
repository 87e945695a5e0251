"""What people look at: the offline HTML explorer (`explorer`) and charts for notebooks."""
