"""What people look at: the offline HTML explorer (`explorer`) and safe embedding for our HTML pages (`html`)."""
