"""What people look at: the offline HTML explorer (`explorer`) and the notebooks' charts (`charts`)."""
